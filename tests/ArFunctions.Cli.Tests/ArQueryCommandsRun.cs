using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Local;
using ArFunctions.Samples;

namespace ArFunctions.Cli.Tests;

/// <summary>run, worklist, kpis, statement and explain on the storage a short demo left behind (tables and queues of its own prefix).</summary>
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

    [Fact]
    public async Task RefusesARunBeforeTheLastRunSayingWhy()
    {
        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-11-01", .. Storage()]);
        var (dryExit, dryOutput) = await Ar.RunAsync(["run", "--as-of", "2026-11-01", "--dry-run", .. Storage()]);

        Assert.Equal((1, 1), (exit, dryExit));
        Assert.True(output.Contains("asOf: is before the run of 2026-11-0", StringComparison.Ordinal), output);
        Assert.True(dryOutput.Contains("runs go forward in time", StringComparison.Ordinal), dryOutput);
    }

    [Fact]
    public async Task ListsTheCustomerItLeftOutGivenAStoredAmountPastTheLimit()
    {
        var prefix = AzuriteFixture.UniqueName("bad");
        var asOf = new DateOnly(2026, 11, 23);
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = 12, AsOf = asOf, Seed = 3 });
        var bad = portfolio.Invoices.First(i => i.IsCollectible);
        await using (var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 4, Ar.SamplePolicy, prefix, queuePrefix: prefix + "-"))
        {
            var invoices = portfolio.Invoices.Select(i => i.Id == bad.Id ? i with { OpenAmount = 79228162514264337593543950335m, Amount = 79228162514264337593543950335m } : i);
            await pipeline.SeedAsync(portfolio.Customers, invoices, portfolio.Payments, portfolio.Interactions, CancellationToken.None);
        }

        var (exit, output) = await Ar.RunAsync(
            ["run", "--as-of", "2026-11-23", "--process", "--policy", Ar.SamplePolicy, "--connection-string", azurite.ConnectionString, "--table-prefix", prefix, "--queue-prefix", prefix + "-", "--shards", "4"]);

        Assert.True(exit == 0, output);
        Assert.Contains("11 customers", output);
        Assert.Contains("1 customer(s) left out for data problems", output);
        Assert.True(output.Contains($"customer {bad.CustomerId} invoice {bad.Id} amount: 79228162514264337593543950335 is more than the largest amount accepted", StringComparison.Ordinal), output);
    }

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

    [Fact]
    public async Task WritesTheStatementAsCsvWithAnOpenItemRowPerOpenInvoiceGivenACustomerOfTheDemo()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "statement-cli-test.csv");

        var (exit, output) = await Ar.RunAsync(["statement", "C000001", "--as-of", "2026-11-03", "--format", "csv", "--out", file, .. Storage()]);

        Assert.True(exit == 0, output);
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal("section,id,date,dueDate,currency,amount,openAmount,creditApplied,daysPastDue,status,invoiceId", lines[0]);
        var openItems = lines.Count(l => l.StartsWith("open-item,", StringComparison.Ordinal));
        Assert.Contains($"as of 2026-11-03, {openItems} open items.", output.ReplaceLineEndings(" "));
        Assert.Contains(lines, l => l.StartsWith("aging,balance-due,2026-11-03,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WritesThePdfUnderItsDefaultNameGivenNoFormat()
    {
        var folder = Directory.CreateTempSubdirectory("statement-cli-").FullName;
        var file = Path.Combine(folder, "statement-C000001-2026-11-03.pdf");

        var (exit, output) = await Ar.RunAsync(["statement", "C000001", "--as-of", "2026-11-03", "--out", file, .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(file))[..5]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesTheOptionGivenAnUnknownStatementFormat()
    {
        var (exit, output) = await Ar.RunAsync(["statement", "C000001", "--format", "xml", .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("--format: must be one of pdf, csv", output);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] Storage() =>
        ["--connection-string", azurite.ConnectionString, "--table-prefix", Prefix, "--queue-prefix", Prefix + "-", "--shards", "4"];
}
