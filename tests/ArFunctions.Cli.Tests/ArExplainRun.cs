using ArFunctions.Cli.Tests.Infrastructure;

namespace ArFunctions.Cli.Tests;

/// <summary><c>ar explain</c> on the storage a two-day demo left behind (tables and queues of its own prefix).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArExplainRun(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string Prefix = AzuriteFixture.UniqueName("explain");
    private static readonly string Outbox = Path.Combine(AppContext.BaseDirectory, "explain-outbox");
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

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SaysPerRunDateWhatFiredAndWhyTheOtherStepsDidNot()
    {
        var (exit, output) = await Ar.RunAsync(["explain", "C000001", "--from", "2026-11-01", "--to", "2026-11-30", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("(C000001), 2026-11-01 to 2026-11-30:", output);
        Assert.Contains("2026-11-02 segment ", output);
        Assert.Matches(@"2026-11-0[23] (step \S+ for \S+ not made: |\S+ \(\S+\) for \S+)", output);
    }

    [Fact]
    public async Task NamesTheFieldGivenARangeThatEndsBeforeItStarts()
    {
        var (exit, output) = await Ar.RunAsync(["explain", "C000001", "--from", "2026-11-10", "--to", "2026-11-01", .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("from: must be on or before to (2026-11-01)", output);
    }

    [Fact]
    public async Task SaysSoGivenAnUnknownCustomer()
    {
        var (exit, output) = await Ar.RunAsync(["explain", "NOBODY", .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("No customer 'NOBODY'.", output);
    }

    private string[] Storage() =>
        ["--connection-string", azurite.ConnectionString, "--table-prefix", Prefix, "--queue-prefix", Prefix + "-", "--shards", "4"];
}
