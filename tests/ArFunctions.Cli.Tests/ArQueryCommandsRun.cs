using ArFunctions.Cli.Tests.Infrastructure;

namespace ArFunctions.Cli.Tests;

/// <summary>run, worklist and kpis on the storage a short demo left behind (tables and queues of its own prefix).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArQueryCommandsRun(AzuriteFixture azurite) : IAsyncLifetime
{
    // One demo for the class: xunit makes an instance per test, and the tests only read what it wrote (or use other dates).
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string Prefix = AzuriteFixture.UniqueName("query");
    private static readonly string Outbox = Path.Combine(AppContext.BaseDirectory, "query-outbox");
    private static string? _seededIn;

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_seededIn != azurite.ConnectionString)
            {
                var (exit, output) = await Ar.RunAsync(["demo", "--days", "2", "--customers", "30", "--top", "0", "--outbox", Outbox, .. Storage()]);
                Assert.True(exit == 0, output);
                _seededIn = azurite.ConnectionString;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    [Fact]
    public async Task ShowsTheRankedWorklistWithReasonsGivenACompletedRun()
    {
        var (exit, output) = await Ar.RunAsync(["worklist", "--top", "3", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Top 3 worklist of 2026-11-0", output);
        Assert.Contains("overdue", output);
    }

    [Fact]
    public async Task ListsTheKnownCollectorsGivenAnUnknownOne()
    {
        var (exit, output) = await Ar.RunAsync(["worklist", "--collector", "nobody", .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("unknown collector 'nobody'", output);
        Assert.Contains("Known collectors: alice", output);
    }

    [Fact]
    public async Task ShowsEachStoredDayGivenARange()
    {
        var (exit, output) = await Ar.RunAsync(["kpis", "--from", "2026-11-02", "--to", "2026-11-03", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("2026-11-02 overall", output);
        Assert.Contains("2026-11-03 overall", output);
    }

    [Fact]
    public async Task ProcessesTheRunHereGivenProcess()
    {
        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-11-04", "--process", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("4 shard(s) queued", output);
        Assert.True(output.Contains("Processed 4 shard message(s).", StringComparison.Ordinal), output);
        Assert.Contains("30 customers", output);
    }

    [Fact]
    public async Task WritesNothingGivenDryRun()
    {
        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-11-05", "--dry-run", .. Storage()]);
        var (_, kpis) = await Ar.RunAsync(["kpis", "--from", "2026-11-05", "--to", "2026-11-05", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Dry run of 2026-11-05", output);
        Assert.Contains("nothing was written", output);
        Assert.Contains("No KPI snapshots in that range", kpis);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] Storage() =>
        ["--connection-string", azurite.ConnectionString, "--table-prefix", Prefix, "--queue-prefix", Prefix + "-", "--shards", "4"];
}
