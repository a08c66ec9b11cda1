using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Samples;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit.Abstractions;

namespace ArFunctions.Storage.Tests.DailyRuns;

[Collection(AzuriteCollection.Name)]
public class ProcessShardProcess(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    private static Portfolio Portfolio(int customers, int seed) => PortfolioGenerator.Generate(new PortfolioOptions
    {
        Customers = customers,
        OpenInvoicesPerCustomer = 4,
        PaidInvoicesPerCustomer = 6,
        Seed = seed,
        AsOf = Day,
    });

    [Fact]
    public async Task RunsAWholeDayForTwoThousandCustomers()
    {
        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 8);
        var portfolio = Portfolio(2000, seed: 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await harness.SeedAsync(portfolio);
        output.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:0.0} s");

        var run = await harness.RunDayAsync(Day);
        output.WriteLine($"ran in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(RunStatus.Completed, run.Status);
        var counts = run.Counts!;
        Assert.Equal(2000, counts.Customers);
        Assert.Equal(portfolio.OpenInvoiceCount, counts.OpenInvoices);
        var ledger = await harness.LedgerAsync();
        var fired = ledger.Where(r => r.Outcome == "fired").ToArray();
        Assert.Equal(counts.StepsFired, fired.Length);
        Assert.Equal(counts.StepsSkipped, ledger.Count - fired.Length);
        Assert.True(counts.Emails > 0 && counts.Calls > 0 && counts.InternalTasks > 0, $"{counts}");

        // Every fired step travels in exactly one queued action, and every action was queued once.
        var messages = await harness.DrainActionsAsync();
        output.WriteLine($"drained {messages.Count} messages at {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(messages.Count, messages.Select(m => m.ActionId).Distinct().Count());
        Assert.Equal(counts.Emails + counts.Calls + counts.Letters + counts.InternalTasks, messages.Count);
        var actions = (await harness.ActionsAsync()).ToDictionary(a => a.ActionId);
        Assert.All(messages, m => Assert.Equal(ActionStatus.Queued, actions[m.ActionId].Status));
        Assert.All(fired, r => Assert.Contains(r.RowKey, actions[r.ActionId!].Steps));

        var worklist = await harness.Get<TableRunResultStore>().GetWorklistAsync(null, 1000, CancellationToken.None);
        Assert.Equal(harness.Get<IPolicySource>().Current.Worklist.TotalCapacity, worklist.Count);
        Assert.Equal(Enumerable.Range(1, worklist.Count), worklist.Select(w => w.Rank));
        var kpis = await harness.Get<TableRunResultStore>().GetKpisAsync(Day, CancellationToken.None);
        Assert.Contains(TableRunResultStore.OverallKey, kpis.Keys);
        Assert.True(kpis[TableRunResultStore.OverallKey].Ar > 0m);
    }

    [Fact]
    public async Task AddsNoLedgerEntryOrMessageGivenTheSameDayRunTwice()
    {
        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 4);
        await harness.SeedAsync(Portfolio(300, seed: 2));
        var first = await harness.RunDayAsync(Day);
        var ledger = await harness.LedgerAsync();
        var messages = await harness.DrainActionsAsync();

        var again = await harness.Get<StartDailyRun>().StartAsync(Day, CancellationToken.None);
        await harness.DrainShardsAsync();

        Assert.Empty(again.ShardsQueued);
        Assert.Equal(ledger.Count, (await harness.LedgerAsync()).Count);
        Assert.Empty(await harness.DrainActionsAsync());
        Assert.NotEmpty(messages);
        Assert.Equal(first.FinishedAt, (await harness.Get<IRunStore>().GetAsync(Day, CancellationToken.None))!.FinishedAt);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public async Task ExecutesEveryDueStepExactlyOnceGivenAShardCrashedAtARandomPointAndRerun(int seed)
    {
        var portfolio = Portfolio(400, seed);
        await using var reference = await DailyRunHarness.CreateAsync(azurite, shardCount: 4);
        await reference.SeedAsync(portfolio);
        var expectedCounts = (await reference.RunDayAsync(Day)).Counts! with { Seconds = 0 };
        var expectedLedger = (await reference.LedgerAsync()).Select(r => r.RowKey + " " + r.Outcome + " " + r.ActionId).Order().ToArray();
        var expectedActions = (await reference.DrainActionsAsync()).Select(m => m.ActionId).Order().ToArray();

        var random = new Random(seed);
        var faults = new FaultInjection(crashAtWrite: random.Next(1, 40), afterWrite: random.Next(2) == 0);
        await using var crashing = await DailyRunHarness.CreateAsync(azurite, shardCount: 4, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IShardStore>(sp => new FaultyShardStore(sp.GetRequiredService<TableShardStore>(), faults)));
            services.Replace(ServiceDescriptor.Singleton<IMessageQueue>(sp => new FaultyQueue(sp.GetRequiredService<QueueMessages>(), faults)));
            services.AddSingleton<QueueMessages>();
        });
        await crashing.SeedAsync(portfolio);

        await crashing.Get<StartDailyRun>().StartAsync(Day, CancellationToken.None);
        faults.Armed = true;
        var failures = await crashing.DrainShardsAsync();
        await crashing.Get<StartDailyRun>().StartAsync(Day, CancellationToken.None);
        await crashing.DrainShardsAsync();

        Assert.True(faults.Crashed);
        Assert.Equal(1, failures);
        var run = (await crashing.Get<IRunStore>().GetAsync(Day, CancellationToken.None))!;
        Assert.Equal(RunStatus.Completed, run.Status);
        // Step and action counts of the interrupted group count what its resumed attempt still had to do.
        Assert.Equal((expectedCounts.Customers, expectedCounts.OpenInvoices), (run.Counts!.Customers, run.Counts.OpenInvoices));
        Assert.InRange(run.Counts.StepsFired, 1, expectedCounts.StepsFired);
        var ledger = (await crashing.LedgerAsync()).Select(r => r.RowKey + " " + r.Outcome + " " + r.ActionId).Order().ToArray();
        Assert.Equal(expectedLedger, ledger);
        var actions = (await crashing.DrainActionsAsync()).Select(m => m.ActionId).Distinct().Order().ToArray();
        Assert.Equal(expectedActions, actions);
    }

    [Fact]
    public async Task NeverFiresAStepForAPaidInvoiceOverThirtyDaysOfPayments()
    {
        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 4);
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = 150, OpenInvoicesPerCustomer = 5, PaidInvoicesPerCustomer = 4, Seed = 5, AsOf = Day });
        await harness.SeedAsync(portfolio);
        var random = new Random(5);
        var open = portfolio.Invoices.Where(i => i.IsCollectible).ToList();
        var paidOn = new Dictionary<string, DateOnly>();

        for (var day = Day; day < Day.AddDays(30); day = day.AddDays(1))
        {
            var paying = open.Where(_ => random.NextDouble() < 0.06).ToArray();
            await harness.MarkPaidAsync(paying, day);
            foreach (var invoice in paying)
            {
                paidOn[invoice.Id.Value] = day;
                open.Remove(invoice);
            }

            Assert.Equal(RunStatus.Completed, (await harness.RunDayAsync(day)).Status);
            await harness.DrainActionsAsync();
        }

        var fired = (await harness.LedgerAsync()).Where(r => r.Outcome == "fired").ToArray();
        Assert.NotEmpty(paidOn);
        Assert.True(fired.Length > 100, $"only {fired.Length} steps fired");
        Assert.All(fired, r => Assert.False(paidOn.TryGetValue(r.InvoiceId.Value, out var paid) && r.On >= paid, $"{r.RowKey} fired on {r.On} though paid on {paidOn.GetValueOrDefault(r.InvoiceId.Value)}"));
    }
}
