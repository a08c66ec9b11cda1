using System.Globalization;
using System.Net;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Segmentation;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage;
using ArFunctions.Storage.Stores;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// The decision log through the host: one customer for each reason a step does not fire, a day run by the timer and
/// the host's queue listener, then GET /api/customers/{id}/decisions shows each reason with its words, and what
/// became of the fired step's action.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomerDecisionsThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private static readonly string Lead = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");

    private static readonly Contact Ann = new("Ann Clerk", ContactRole.ApClerk, "ann@example.test", "+1 555 0100");

    [Fact]
    public async Task ShowsEveryReasonAStepDidNotFireWithItsWordsAndTheFiredActionsResult()
    {
        await SeedAsync();

        await App.RunDayAsync();
        await App.DrainAsync("SendEmail", "CreateCallTask");

        var superseded = await DayAsync("C-SUP");
        Assert.Contains("superseded", Reasons(superseded));
        Assert.Contains("condition-not-met", Reasons(superseded));
        var fired = Assert.Single(superseded.GetProperty("fired").EnumerateArray());
        Assert.Equal("I-SUP", fired.GetProperty("invoiceId").GetString());
        Assert.Equal("sent", fired.GetProperty("result").GetString());
        Assert.Contains(Lines(superseded), l => l.Contains("not made: superseded; the ", StringComparison.Ordinal) && l.EndsWith(" went out instead", StringComparison.Ordinal));
        Assert.Contains(Lines(superseded), l => l.Contains("not made: its condition was not met", StringComparison.Ordinal));
        Assert.StartsWith("segment ", Lines(superseded)[0], StringComparison.Ordinal);

        Assert.Contains(Lines(await DayAsync("C-NOC")), l => l.Contains("for I-NOC not made: no usable contact", StringComparison.Ordinal));
        Assert.Contains(Lines(await DayAsync("C-DIS")), l => l.Contains("for I-DIS not made: paused by an open dispute", StringComparison.Ordinal));
        Assert.Contains(Lines(await DayAsync("C-PRO")), l => l.Contains("for I-PRO not made: paused by a promise to pay", StringComparison.Ordinal));
        Assert.Contains(Lines(await DayAsync("C-CAP")), l => l.Contains("for I-CAP deferred: the weekly contact cap is reached", StringComparison.Ordinal));
        Assert.Contains("not chased: the customer is excluded from collections", Lines(await DayAsync("C-OPT")));
        Assert.Contains("not chased: the overdue balance is below the policy's minimum", Lines(await DayAsync("C-MIN")));
        var bad = await DayAsync("C-BAD");
        Assert.Equal(["data-problem"], Reasons(bad).Distinct());
        Assert.Contains(Lines(bad), l => l.StartsWith("left out of the day: data problem for I-BAD: amount: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswersValidationForABadDateOrRangeAndNotFoundForAnUnknownCustomer()
    {
        var lead = App.SignedIn(Lead);

        var badDate = await lead.GetAsync("/api/customers/C-1/decisions?from=13/01/2026");
        var backwards = await lead.GetAsync("/api/customers/C-1/decisions?from=2026-02-01&to=2026-01-01");
        var unknown = await lead.GetAsync("/api/customers/NOBODY/decisions");

        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("from", (await badDate.ReadJsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private async Task SeedAsync()
    {
        Customer Customer(string id, IReadOnlyList<Contact>? contacts = null, bool excluded = false) =>
            new() { Id = new CustomerId(id), Name = id + " Ltd", CustomerSince = Today.AddYears(-3), Contacts = contacts ?? [Ann], Excluded = excluded };
        Invoice Invoice(string id, string customer, int daysOverdue, decimal amount = 1_000m) => new()
        {
            Id = new InvoiceId(id),
            CustomerId = new CustomerId(customer),
            IssueDate = Today.AddDays(-daysOverdue - 30),
            DueDate = Today.AddDays(-daysOverdue),
            Amount = amount,
            OpenAmount = amount,
            Currency = new CurrencyCode("USD"),
        };

        var huge = decimal.Parse("79228162514264337593543950335", CultureInfo.InvariantCulture);
        await App.Get<CustomerStore>().UpsertAsync(
            [Customer("C-SUP"), Customer("C-NOC", contacts: []), Customer("C-DIS"), Customer("C-PRO"), Customer("C-CAP"), Customer("C-OPT", excluded: true), Customer("C-MIN"), Customer("C-BAD")],
            CancellationToken.None);
        await App.Get<InvoiceStore>().UpsertAsync(
        [
            Invoice("I-SUP", "C-SUP", 12),
            Invoice("I-NOC", "C-NOC", 2),
            Invoice("I-DIS", "C-DIS", 12) with { Dispute = new Dispute("pricing", Today.AddDays(-3)) },
            Invoice("I-PRO", "C-PRO", 12) with { Promise = new PaymentPromise(Today.AddDays(5), 1_000m, Today.AddDays(-1)) },

            // Paused invoices do not count towards the minimum balance: each of these customers owes another one.
            Invoice("I-DIS-2", "C-DIS", 1),
            Invoice("I-PRO-2", "C-PRO", 1),
            Invoice("I-CAP", "C-CAP", 2),
            Invoice("I-OPT", "C-OPT", 12),
            Invoice("I-MIN", "C-MIN", 12, amount: 10m),
            Invoice("I-BAD", "C-BAD", 12) with { Amount = huge, OpenAmount = huge },
        ], CancellationToken.None);

        // Three customer-facing contacts in the six days before: the weekly cap of the sample policy is reached.
        var capped = new CustomerId("C-CAP");
        await App.Get<IShardStore>().SaveStatesAsync(
            App.Get<Sharding>().ShardOf(capped), [new CustomerState(capped, null, [Today.AddDays(-1), Today.AddDays(-2), Today.AddDays(-3)])], CancellationToken.None);

        // Evaluated before: not its first run (a baseline), so its missed steps are superseded by the catch-up.
        var evaluated = new CustomerId("C-SUP");
        await App.Get<IShardStore>().SaveStatesAsync(
            App.Get<Sharding>().ShardOf(evaluated),
            [new CustomerState(evaluated, new SegmentState("standard", Today.AddDays(-30), null, 0, Today.AddDays(-1)), [])],
            CancellationToken.None);
    }

    private async Task<JsonElement> DayAsync(string customer)
    {
        var response = await App.SignedIn(Lead).GetAsync($"/api/customers/{customer}/decisions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = await response.ReadJsonAsync();
        return Assert.Single(log.GetProperty("days").EnumerateArray(), d => d.GetProperty("on").GetString() == $"{Today:yyyy-MM-dd}");
    }

    private static string[] Reasons(JsonElement day) => [.. day.GetProperty("notFired").EnumerateArray().Select(n => n.GetProperty("reason").GetString()!)];

    private static string[] Lines(JsonElement day) => [.. day.GetProperty("explanation").EnumerateArray().Select(l => l.GetString()!)];
}
