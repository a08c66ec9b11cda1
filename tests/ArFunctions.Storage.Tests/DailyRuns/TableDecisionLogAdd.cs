using ArFunctions.Domain.Common;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.DailyRuns;

[Collection(AzuriteCollection.Name)]
public class TableDecisionLogAdd(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 1, 13);
    private static readonly CustomerId Customer = new("C1");

    [Fact]
    public async Task KeepsTheFirstDecisionOfADayGivenAResumedShardAddsAnother()
    {
        var harness = new StoreHarness(azurite);
        var log = new TableDecisionLog(harness.Tables, harness.Sharding);
        var shard = harness.Sharding.ShardOf(Customer);
        var first = Decision(Day, [new FiredStep(new InvoiceId("I1"), "d5-email", ActionKind.Email, "20260113-C1-email", "ap-clerk")]);
        var resumed = Decision(Day, []);

        await log.AddAsync(shard, [first], CancellationToken.None);
        await log.AddAsync(shard, [resumed, Decision(Day.AddDays(1), [])], CancellationToken.None);

        var stored = await log.GetAsync(Customer, Day, Day.AddDays(1), CancellationToken.None);
        Assert.Equal([Day, Day.AddDays(1)], stored.Select(d => d.On));
        Assert.Equal(first.Fired, stored[0].Fired);
        Assert.Equal(first.NotFired.Select(n => (n.Reason, n.InvoiceId, n.StepId)), stored[0].NotFired.Select(n => (n.Reason, n.InvoiceId, n.StepId)));
    }

    [Fact]
    public async Task ReadsOnlyTheCustomersDaysInsideTheRange()
    {
        var harness = new StoreHarness(azurite);
        var log = new TableDecisionLog(harness.Tables, harness.Sharding);
        var other = new CustomerId("C10");
        await log.AddAsync(harness.Sharding.ShardOf(Customer), [Decision(Day.AddDays(-1), []), Decision(Day, []), Decision(Day.AddDays(2), [])], CancellationToken.None);
        await log.AddAsync(harness.Sharding.ShardOf(other), [Decision(Day, []) with { CustomerId = other }], CancellationToken.None);

        var stored = await log.GetAsync(Customer, Day, Day.AddDays(1), CancellationToken.None);

        Assert.Equal([(Customer, Day)], stored.Select(d => (d.CustomerId, d.On)));
    }

    private static DayDecision Decision(DateOnly on, IReadOnlyList<FiredStep> fired) =>
        new(Customer, on, "standard", "default", null, [], fired, [new NotFiredStep(NotFiredReason.Superseded, new InvoiceId("I1"), "d3-call")]);
}
