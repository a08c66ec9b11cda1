using System.Net;
using System.Text;
using System.Text.Json;
using ArFunctions.Application.Contacts;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// GET /api/customers/{id} as a lead reads it: features as of the last completed run (a backfill's date, not the wall
/// clock), or as of ?asOf=, saying which; history features null without history; a bad asOf is 400 naming it; the
/// customer's credits, what each covers, and the balance net of them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomerDetailThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private static readonly string Lead = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");

    private static readonly DateOnly Due = Today.AddDays(-60);

    [Fact]
    public async Task ShowsFeaturesAsOfTheLastRunNotTheWallClockGivenARunDatedInThePast()
    {
        await PutCustomerWithOneOpenInvoiceAsync();
        var before = await DetailAsync("");
        Assert.Equal(($"{Today:yyyy-MM-dd}", "no-run-yet", 60), AsOf(before));

        var backfill = Today.AddDays(-30);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("/api/runs", Json($$"""{"asOf":"{{backfill:yyyy-MM-dd}}"}"""))).StatusCode);
        await App.DrainAsync("ProcessShard");

        var detail = await DetailAsync("");
        Assert.Equal(($"{backfill:yyyy-MM-dd}", "last-run", 30), AsOf(detail));
        Assert.Equal(30, detail.GetProperty("openInvoices")[0].GetProperty("daysPastDue").GetInt32());
        Assert.Equal($"{backfill:yyyy-MM-dd}", detail.GetProperty("segment").GetProperty("evaluatedOn").GetString());
    }

    [Fact]
    public async Task ShowsFeaturesAsOfTheRequestedDateGivenAsOf()
    {
        await PutCustomerWithOneOpenInvoiceAsync();

        var detail = await DetailAsync($"?asOf={Today.AddDays(-10):yyyy-MM-dd}");

        Assert.Equal(($"{Today.AddDays(-10):yyyy-MM-dd}", "requested", 50), AsOf(detail));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("yesterday")]
    [InlineData("2999-01-01")]
    public async Task AnswersBadRequestNamingAsOfGivenABadDate(string asOf)
    {
        await PutCustomerWithOneOpenInvoiceAsync();

        var response = await App.SignedIn(Lead).GetAsync($"/api/customers/C-1?asOf={Uri.EscapeDataString(asOf)}");

        Assert.Equal(["asOf"], (await response.ReadBadRequestProblemAsync()).ErrorFields());
    }

    [Fact]
    public async Task ShowsHistoryFeaturesAsNullGivenNoPaidInvoice()
    {
        await PutCustomerWithOneOpenInvoiceAsync();

        var features = (await DetailAsync("")).GetProperty("features");

        foreach (var name in new[] { "avgDaysToPay", "avgDaysLate", "latePaymentShare", "trend", "interactionDifficulty" })
        {
            Assert.Equal(JsonValueKind.Null, features.GetProperty(name).ValueKind);
        }

        Assert.Equal(JsonValueKind.Number, features.GetProperty("riskScore").ValueKind);
    }

    [Fact]
    public async Task ShowsEachCreditWhatItCoversAndTheNetBalanceGivenACreditMemoAndUnappliedCash()
    {
        await PutCustomerWithOneOpenInvoiceAsync();
        await App.Get<CreditStore>().UpsertAsync(
        [
            new Credit("CM-1", new CustomerId("C-1"), CreditKind.CreditMemo, 60m, new CurrencyCode("EUR"), Today.AddDays(-5), new InvoiceId("I-1")),
            new Credit("UC-1", new CustomerId("C-1"), CreditKind.UnappliedCash, 70m, new CurrencyCode("EUR"), Today.AddDays(-2)),
        ], CancellationToken.None);

        var detail = await DetailAsync("");

        var credits = detail.GetProperty("credits").EnumerateArray().Select(c =>
            $"{c.GetProperty("kind").GetString()} {c.GetProperty("id").GetString()} {c.GetProperty("amount").GetDecimal()} {c.GetProperty("currency").GetString()} " +
            string.Join(",", c.GetProperty("appliedTo").EnumerateArray().Select(a => $"{a.GetProperty("invoiceId").GetString()}:{a.GetProperty("amount").GetDecimal()}")) +
            $" left {c.GetProperty("left").GetDecimal()}").ToArray();
        Assert.Equal(["credit-memo CM-1 60 EUR I-1:60 left 0", "unapplied-cash UC-1 70 EUR I-1:40 left 30"], credits);
        Assert.Equal(100m, detail.GetProperty("openInvoices")[0].GetProperty("creditApplied").GetDecimal());
        var balance = detail.GetProperty("balance");
        // The sample policy's base is USD, 1 EUR = 1.08 USD: 100 EUR open, 130 EUR of credits, 30 EUR in the customer's favour.
        Assert.Equal(("USD", 108m, 140.4m, -32.4m), (balance.GetProperty("currency").GetString(), balance.GetProperty("openInvoices").GetDecimal(),
            balance.GetProperty("credits").GetDecimal(), balance.GetProperty("net").GetDecimal()));
        var features = detail.GetProperty("features");
        Assert.Equal((0d, 32.4d), (features.GetProperty("overdueBalance").GetDouble(), Math.Round(features.GetProperty("creditBalance").GetDouble(), 2)));
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    [Fact]
    public async Task ShowsEachContactsEmailStateGivenBounceAndOptOut()
    {
        var contacts = """[{"name":"Ann","role":"ap-clerk","email":"ann@example.com"},{"name":"Carl","role":"controller","email":"carl@example.com"},{"name":"Cleo","role":"cfo","phone":"+49 30 1234"}]""";
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsync("/api/customers", Json($$"""[{"id":"C-1","name":"Acme GmbH","customerSince":"2020-01-15","contacts":{{contacts}}}]"""))).StatusCode);
        var bouncedAt = new DateTimeOffset(2026, 11, 2, 9, 5, 0, TimeSpan.Zero);
        var states = App.Get<IContactStateStore>();
        await states.UpdateAsync(new CustomerId("C-1"), "ann@example.com", s => s.AfterReport(UnusableStatus.Bounced, bouncedAt, "20261102-C-1-email", "5.1.1 mailbox unavailable"), CancellationToken.None);
        var optOut = await App.Get<OptOutContact>().HandleAsync(new OptOutRequest(new CustomerId("C-1"), ContactKeys.Of("carl@example.com"), "portal"), CancellationToken.None);
        Assert.Equal(OptOutOutcome.OptedOut, optOut.Outcome);

        var shown = (await DetailAsync("")).GetProperty("customer").GetProperty("contacts");

        var ann = shown[0].GetProperty("emailState");
        Assert.Equal(("bounced", "2026-11-02T09:05:00+00:00", "5.1.1 mailbox unavailable"), (ann.GetProperty("unusable").GetString(), ann.GetProperty("unusableAt").GetString(), ann.GetProperty("unusableDetails").GetString()));
        Assert.Equal(ContactKeys.Of("ann@example.com"), shown[0].GetProperty("key").GetString());
        var carl = shown[1].GetProperty("emailState");
        Assert.Equal((JsonValueKind.Null, "portal"), (carl.GetProperty("unusable").ValueKind, carl.GetProperty("optedOutSource").GetString()));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (shown[2].GetProperty("key").ValueKind, shown[2].GetProperty("emailState").ValueKind));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static (string? AsOf, string? Source, int DaysPastDueOldest) AsOf(JsonElement detail) =>
        (detail.GetProperty("featuresAsOf").GetString(), detail.GetProperty("featuresAsOfSource").GetString(),
            detail.GetProperty("features").GetProperty("daysPastDueOldest").GetInt32());

    /// <summary>C-1 with invoice I-1 of 100 EUR, due 60 days before today and open; nothing paid, no call.</summary>
    private async Task PutCustomerWithOneOpenInvoiceAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsync("/api/customers", Json("""[{"id":"C-1","name":"Acme GmbH","customerSince":"2020-01-15"}]"""))).StatusCode);
        var invoice = $$"""[{"id":"I-1","customerId":"C-1","issueDate":"{{Due.AddDays(-30):yyyy-MM-dd}}","dueDate":"{{Due:yyyy-MM-dd}}","amount":100,"openAmount":100,"currency":"EUR"}]""";
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsync("/api/invoices", Json(invoice))).StatusCode);
    }

    private async Task<JsonElement> DetailAsync(string query)
    {
        var response = await App.SignedIn(Lead).GetAsync($"/api/customers/C-1{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
