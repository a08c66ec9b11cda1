using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Runs;
using ArFunctions.Samples;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.DailyRuns;

/// <summary>One customer's bad stored data against a whole day: the shard completes and everyone else is chased.</summary>
[Collection(AzuriteCollection.Name)]
public class ProcessShardDataProblems(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private const decimal Huge = 79228162514264337593543950335m;

    [Fact]
    public async Task CompletesTheShardChasesEveryoneElseAndRecordsTheProblemGivenAStoredAmountThatOverflows()
    {
        var portfolio = Portfolio();
        var bad = portfolio.Invoices.First(i => i.IsCollectible);
        await using var reference = await DailyRunHarness.CreateAsync(azurite, shardCount: 2);
        await reference.SeedAsync(portfolio, id => id != bad.CustomerId, i => i);
        var expected = (await reference.RunDayAsync(Day)).Counts!;
        var expectedActions = (await reference.DrainActionsAsync()).Select(m => m.ActionId).Order(StringComparer.Ordinal).ToArray();

        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 2);
        await harness.SeedAsync(portfolio, _ => true, i => i.Id == bad.Id ? i with { Amount = Huge, OpenAmount = Huge } : i);
        var run = await harness.RunDayAsync(Day);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal((expected.Customers, expected.StepsFired, expected.Emails, expected.Calls, 1), (run.Counts!.Customers, run.Counts.StepsFired, run.Counts.Emails, run.Counts.Calls, run.Counts.CustomersSkipped));
        var actions = (await harness.DrainActionsAsync()).Select(m => m.ActionId).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedActions, actions);
        var view = (await harness.Get<RunQuery>().GetAsync(Day, CancellationToken.None)).Value!;
        Assert.Equal(
            [new DataProblemView(bad.CustomerId.Value, bad.Id.Value, "amount", $"{Huge} is more than the largest amount accepted (1000000000000)"),
             new DataProblemView(bad.CustomerId.Value, bad.Id.Value, "openAmount", $"{Huge} is more than the largest amount accepted (1000000000000)")],
            view.DataProblems);
    }

    [Fact]
    public async Task RecordsEachProblemOnceGivenTheShardProcessedAgain()
    {
        var portfolio = Portfolio();
        var bad = portfolio.Invoices.First(i => i.IsCollectible);
        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 1);
        await harness.SeedAsync(portfolio, _ => true, i => i.Id == bad.Id ? i with { OpenAmount = -Huge } : i);
        await harness.Get<StartDailyRun>().StartAsync(Day, CancellationToken.None);
        var process = harness.Get<ProcessShard>();

        await process.ProcessAsync(new ProcessShardMessage(Day, 0), CancellationToken.None);
        await harness.Get<IRunStore>().SaveShardAsync(new ShardProgress(Day, 0, ShardStatus.Running, null, RunCounts.Zero), CancellationToken.None);
        await process.ProcessAsync(new ProcessShardMessage(Day, 0), CancellationToken.None);

        var problem = Assert.Single(await harness.Get<IRunStore>().GetProblemsAsync(Day, 100, CancellationToken.None));
        Assert.Equal((bad.CustomerId, bad.Id, "openAmount"), (problem.CustomerId, problem.InvoiceId!.Value, problem.Field));
    }

    private static Portfolio Portfolio() => PortfolioGenerator.Generate(new PortfolioOptions
    {
        Customers = 80,
        OpenInvoicesPerCustomer = 3,
        PaidInvoicesPerCustomer = 3,
        Seed = 21,
        AsOf = Day,
    });
}
