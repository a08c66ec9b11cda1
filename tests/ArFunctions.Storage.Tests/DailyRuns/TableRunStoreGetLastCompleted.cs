using ArFunctions.Application.DailyRuns;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.DailyRuns;

[Collection(AzuriteCollection.Name)]
public sealed class TableRunStoreGetLastCompleted(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 1, 31);
    private static readonly DateTimeOffset Started = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task IsNullGivenNoCompletedRun()
    {
        var runs = new TableRunStore(new StoreHarness(azurite).Tables);
        await runs.OpenOrGetAsync(Run(Day, RunStatus.Running), CancellationToken.None);

        Assert.Null(await runs.GetLastCompletedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IsTheLatestAsOfDateGivenLaterRunsStillRunningOrDry()
    {
        var runs = new TableRunStore(new StoreHarness(azurite).Tables);
        await runs.OpenOrGetAsync(Run(Day.AddDays(-30), RunStatus.Completed), CancellationToken.None);
        await runs.OpenOrGetAsync(Run(Day, RunStatus.Completed), CancellationToken.None);
        await runs.OpenOrGetAsync(Run(Day.AddDays(1), RunStatus.Completed) with { DryRun = true }, CancellationToken.None);
        await runs.OpenOrGetAsync(Run(Day.AddDays(2), RunStatus.Running), CancellationToken.None);

        Assert.Equal(Day, (await runs.GetLastCompletedAsync(CancellationToken.None))?.AsOf);
    }

    private static RunRecord Run(DateOnly asOf, RunStatus status) =>
        new(asOf, "v1", 1, status, Started, status == RunStatus.Completed ? Started.AddMinutes(5) : null);
}
