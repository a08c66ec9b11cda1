using System.Text.Json;
using ArFunctions.Application.Customers;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Tests.Customers;

public class CustomerDetailQueryGet
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly CustomerId Id = new("C1");
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static Invoice Invoice(string id, int dueDaysAgo, InvoiceStatus status = InvoiceStatus.Open) => new()
    {
        Id = new InvoiceId(id), CustomerId = Id, IssueDate = Today.AddDays(-dueDaysAgo - 30), DueDate = Today.AddDays(-dueDaysAgo),
        Amount = 100m, OpenAmount = status == InvoiceStatus.Open ? 100m : 0m, Currency = new CurrencyCode("USD"), Status = status,
        PaidOn = status == InvoiceStatus.Paid ? Today.AddDays(-dueDaysAgo) : null,
        Dispute = id == "I2" ? new Dispute("pricing", Today.AddDays(-3)) : null,
    };

    private static CustomerRecordSet Records() => new(
        new Customer { Id = Id, Name = "Acme", RiskClass = RiskClass.High, CustomerSince = new DateOnly(2020, 1, 1), Contacts = [new Contact("Pat", ContactRole.ApClerk, "pat@example.com", null)] },
        [Invoice("I1", 10), Invoice("I2", 40), Invoice("I0", 200, InvoiceStatus.Paid)],
        [],
        [new Interaction(Id, Today.AddDays(-20), InteractionKind.Call, InteractionOutcome.NoAnswer), new Interaction(Id, Today.AddDays(-2), InteractionKind.Email, InteractionOutcome.Sent)],
        new CustomerState(Id, new SegmentState("high-risk", Today.AddDays(-5), null, 0, Today.AddDays(-1), "standard"), [Today.AddDays(-1)]),
        [new SegmentMove(Id, Today.AddDays(-30), null, "standard", "default", []), new SegmentMove(Id, Today.AddDays(-5), "standard", "high-risk", "riskClass >= high", ["riskClass = high"])],
        [Action("20261120-C1-email", Today.AddDays(-3), ActionStatus.Sent), Action("20261122-C1-call", Today.AddDays(-1), ActionStatus.Queued)],
        BalanceRank: 0);

    private static CustomerActionRecord Action(string id, DateOnly asOf, ActionStatus status) =>
        new(id, asOf, ActionKind.Email, "overdue", "Pat", ContactRole.ApClerk, null, ["I1"], status, null);

    /// <summary>The query at 08:00 on <see cref="Today"/>, the last completed run being of <paramref name="lastRun"/> (none when null).</summary>
    private static CustomerDetailQuery Query(DateOnly? lastRun = null, CustomerRecordSet? records = null) =>
        new(new InMemoryCustomerRecords(records ?? Records()), new FixedPolicySource(SamplePolicy.Policy), new CompletedRuns(lastRun),
            FixedTime.Business(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task IsInvalidGivenAnIdThatCannotBeAKey()
    {
        var result = await Query().GetAsync("C/1", null, CancellationToken.None);

        Assert.Equal(QueryStatus.Invalid, result.Status);
        Assert.Equal("customerId", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task IsNotFoundGivenAnUnknownCustomer()
    {
        var result = await Query().GetAsync("C2", null, CancellationToken.None);

        Assert.Equal(QueryStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task ShowsTheSegmentWithTheRuleOfTheMoveIntoItGivenAStoredState()
    {
        var detail = (await Query().GetAsync("C1", null, CancellationToken.None)).Value!;

        Assert.Equal("high-risk", detail.Segment.SegmentId);
        Assert.Equal("riskClass >= high", detail.Segment.MatchedRule);
        Assert.Equal(["riskClass = high"], detail.Segment.Triggers);
        Assert.Equal("firm", detail.Segment.StrategyId);
        Assert.Equal("high-risk", detail.Segment.QualifiesToday);
    }

    [Fact]
    public async Task ListsOpenInvoicesOldestDueFirstAndHistoryNewestFirstGivenMixedRecords()
    {
        var detail = (await Query().GetAsync("C1", null, CancellationToken.None)).Value!;

        Assert.Equal(["I2", "I1"], detail.OpenInvoices.Select(i => i.Id));
        Assert.Equal("pricing", detail.OpenInvoices[0].Dispute!.Category);
        Assert.Equal(["20261122-C1-call", "20261120-C1-email"], detail.Actions.Select(a => a.ActionId));
        Assert.Equal(["queued", "sent"], detail.Actions.Select(a => a.Status));
        Assert.Equal([Today.AddDays(-5), Today.AddDays(-30)], detail.SegmentMoves.Select(m => m.On));
        Assert.Equal(["email", "call"], detail.Interactions.Select(i => i.Kind));
    }

    [Fact]
    public async Task ComputesTodaysFeaturesAsWireValuesGivenNoCompletedRun()
    {
        var detail = (await Query().GetAsync("C1", null, CancellationToken.None)).Value!;

        Assert.Equal((Today, "no-run-yet"), (detail.FeaturesAsOf, detail.FeaturesAsOfSource));
        Assert.Equal(200.0, detail.Features["overdueBalance"]);
        Assert.Equal(40.0, detail.Features["daysPastDueOldest"]);
        Assert.Equal("high", detail.Features["riskClass"]);
        Assert.Null(detail.Features["creditScore"]);
        Assert.Null(detail.Features["balanceRank"]);
    }

    [Fact]
    public async Task SerializesWithoutNaNGivenWebDefaults()
    {
        var detail = (await Query().GetAsync("C1", null, CancellationToken.None)).Value!;

        var json = JsonSerializer.Serialize(detail, Web);

        Assert.Contains("\"creditScore\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"segmentId\":\"high-risk\"", json, StringComparison.Ordinal);
        Assert.Contains("\"role\":\"ap-clerk\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputesFeaturesAsOfTheLastCompletedRunGivenARunInThePast()
    {
        // A backfill of January: I2 (due 40 days before today) was 40 - 30 = 10 days past due on the run's date, I1
        // (due 10 days before today) not yet due.
        var detail = (await Query(lastRun: Today.AddDays(-30)).GetAsync("C1", null, CancellationToken.None)).Value!;

        Assert.Equal((Today.AddDays(-30), "last-run"), (detail.FeaturesAsOf, detail.FeaturesAsOfSource));
        Assert.Equal(10.0, detail.Features["daysPastDueOldest"]);
        Assert.Equal(100.0, detail.Features["overdueBalance"]);
        Assert.Equal([10, -20], detail.OpenInvoices.Select(i => i.DaysPastDue));
    }

    [Fact]
    public async Task ComputesFeaturesAsOfTheRequestedDateGivenAsOf()
    {
        var detail = (await Query(lastRun: Today.AddDays(-30)).GetAsync("C1", Today.AddDays(-5), CancellationToken.None)).Value!;

        Assert.Equal((Today.AddDays(-5), "requested"), (detail.FeaturesAsOf, detail.FeaturesAsOfSource));
        Assert.Equal(35.0, detail.Features["daysPastDueOldest"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-200_000)]
    public async Task IsInvalidNamingAsOfGivenADateOutsideTheWindow(int daysFromToday)
    {
        var result = await Query().GetAsync("C1", Today.AddDays(daysFromToday), CancellationToken.None);

        Assert.Equal(QueryStatus.Invalid, result.Status);
        Assert.Equal("asOf", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task ShowsHistoryFeaturesAsNullGivenNoPaidInvoice()
    {
        var unpaid = Records() with { Invoices = [Invoice("I1", 10), Invoice("I2", 40)] };

        var detail = (await Query(records: unpaid).GetAsync("C1", null, CancellationToken.None)).Value!;
        var json = JsonSerializer.Serialize(detail, Web);

        Assert.All(["avgDaysToPay", "avgDaysLate", "latePaymentShare", "trend"], name => Assert.Null(detail.Features[name]));
        Assert.Contains("\"avgDaysLate\":null", json, StringComparison.Ordinal);
    }
}
