using System.Net;
using System.Text;
using System.Text.Json;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// GET /api/customers/{id} as a lead reads it: features as of the last completed run (a backfill's date, not the wall
/// clock), or as of ?asOf=, saying which; history features null without history; a bad asOf is 400 naming it.
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

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

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
