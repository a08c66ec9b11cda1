using ArFunctions.Application.Access;
using ArFunctions.Application.Customers;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Kpis;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Runs;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Admin;

[Collection(AzuriteCollection.Name)]
public class QueriesOnTables(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = AdminHarness.Day;

    [Fact]
    public async Task ShowsSegmentRuleAndActionsOfACustomerGivenARunDay()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite, customers: 60);
        await harness.RunDayAsync(Day);
        var action = (await harness.ActionsAsync()).First(a => a.Kind == Domain.Strategies.ActionKind.Email);

        var result = await harness.Get<CustomerDetailQuery>().GetAsync(action.CustomerId.Value, null, CancellationToken.None);

        var detail = result.Value!;
        Assert.Equal(action.CustomerId.Value, detail.Customer.Id);
        Assert.NotNull(detail.Segment.SegmentId);
        Assert.Equal(Day, detail.Segment.EvaluatedOn);
        Assert.Equal((Day, "last-run"), (detail.FeaturesAsOf, detail.FeaturesAsOfSource));
        Assert.False(string.IsNullOrEmpty(detail.Segment.MatchedRule));
        var shown = Assert.Single(detail.Actions, a => a.ActionId == action.ActionId);
        Assert.Equal(("email", "queued"), (shown.Kind, shown.Status));
        Assert.NotEmpty(detail.OpenInvoices);
        Assert.Equal(detail.OpenInvoices.Count, Convert.ToInt32(detail.Features["openInvoiceCount"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task IsNotFoundOrInvalidGivenAnUnknownOrMalformedCustomerId()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite);
        var query = harness.Get<CustomerDetailQuery>();

        Assert.Equal(QueryStatus.NotFound, (await query.GetAsync("NOBODY", null, CancellationToken.None)).Status);
        Assert.Equal(QueryStatus.Invalid, (await query.GetAsync("a|b", null, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task ReturnsEachRunDaysSnapshotsGivenARange()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite, customers: 40);
        await harness.RunDayAsync(Day.AddDays(-1));
        await harness.RunDayAsync(Day);

        var all = await harness.Get<KpiQuery>().GetAsync(Day.AddDays(-7), Day, null, CancellationToken.None);
        var one = await harness.Get<KpiQuery>().GetAsync(Day, Day, "standard", CancellationToken.None);

        Assert.Equal([Day.AddDays(-1), Day], all.Value!.Days.Select(d => d.AsOf));
        Assert.All(all.Value.Days, d => Assert.NotNull(d.Overall));
        Assert.Equal(["standard"], Assert.Single(one.Value!.Days).Segments.Keys);
    }

    [Fact]
    public async Task ReturnsTheCompletedRunWithEveryShardDoneGivenARunDay()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite, customers: 40);
        var run = await harness.RunDayAsync(Day);

        var found = await harness.Get<RunQuery>().GetAsync(Day, CancellationToken.None);
        var missing = await harness.Get<RunQuery>().GetAsync(Day.AddDays(-3), CancellationToken.None);

        Assert.Equal("completed", found.Value!.Status);
        Assert.Equal((4, 4), (found.Value.Shards.Total, found.Value.Shards.Done));
        Assert.Equal(run.Counts!.Customers, found.Value.Counts!.Customers);
        Assert.Equal(QueryStatus.NotFound, missing.Status);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-401)]
    public async Task IsInvalidAndStartsNothingGivenADateOutOfRange(int daysFromToday)
    {
        await using var harness = await AdminHarness.CreateAsync(azurite);

        var result = await harness.Get<ManualRun>().StartAsync(Day.AddDays(daysFromToday), dryRun: false, Caller.Local("test"), CancellationToken.None);

        Assert.Equal("asOf", Assert.Single(result.Errors).Field);
        Assert.Null(await harness.Get<Application.Ports.IRunStore>().GetAsync(Day.AddDays(daysFromToday), CancellationToken.None));
    }

    [Fact]
    public async Task ListsTheActionsTheRealRunThenCreatesAndWritesNothingGivenADryRun()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite, customers: 80);
        await harness.RunDayAsync(Day.AddDays(-1));
        var before = await AdminHarness.SnapshotAsync(harness);
        Assert.Contains(before.Keys, k => k.Contains("Actions/", StringComparison.Ordinal));

        var dry = (await harness.Get<ManualRun>().StartAsync(Day, dryRun: true, Caller.Local("test"), CancellationToken.None)).Value!;

        Assert.Equal(before, await AdminHarness.SnapshotAsync(harness));
        Assert.True(dry.IsDryRun);
        var report = dry.DryRun!;
        Assert.NotEmpty(report.Actions);
        Assert.False(report.Truncated);

        var real = (await harness.Get<ManualRun>().StartAsync(Day, dryRun: false, Caller.Local("test"), CancellationToken.None)).Value!;
        Assert.Equal([0, 1, 2, 3], real.ShardsQueued);
        await harness.DrainShardsAsync();
        var created = (await harness.ActionsAsync()).Where(a => a.AsOf == Day).ToArray();
        Assert.Equal(
            created.Select(a => (a.ActionId, a.Template, string.Join(",", a.Invoices))).Order(),
            report.Actions.Select(a => (a.ActionId, a.Template, string.Join(",", a.Invoices))).Order());
        var completed = (await harness.Get<RunQuery>().GetAsync(Day, CancellationToken.None)).Value!;
        Assert.Equal(completed.Counts! with { Seconds = 0 }, report.Counts with { Seconds = 0 });
        Assert.Equal(RunStatus.Completed.ToString().ToLowerInvariant(), completed.Status);
    }
}
