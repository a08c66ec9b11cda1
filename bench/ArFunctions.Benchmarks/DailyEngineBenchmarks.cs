using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Worklist;
using BenchmarkDotNet.Attributes;

namespace ArFunctions.Benchmarks;

/// <summary>
/// The engine's daily work for 100,000 customers and about 1,000,000 open invoices on one core: the whole day
/// (features, balance ranks, segments, plans, worklists) and each phase alone. See docs/benchmarks.md.
/// </summary>
[Config(typeof(OneCoreConfig))]
public class DailyEngineBenchmarks
{
    private BenchmarkPortfolio _portfolio = null!;
    private CustomerFeatures[] _features = null!;
    private Dictionary<Domain.Common.CustomerId, string?> _collectors = null!;

    [Params(100_000)]
    public int Customers { get; set; }

    [Params(10.0)]
    public double OpenInvoicesPerCustomer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _portfolio = BenchmarkPortfolio.Create(Customers, OpenInvoicesPerCustomer);
        _features = _portfolio.RankedFeatures();
        _collectors = _portfolio.Records.ToDictionary(r => r.Customer.Id, r => r.Customer.AssignedCollector);
    }

    /// <summary>
    /// features + segment + plan + rank: what a daily run computes, with each customer's decision handed on as it
    /// is made (the daily run persists a shard's decisions and lets them go).
    /// </summary>
    [Benchmark(Baseline = true)]
    public int WholeDay()
    {
        var actions = 0;
        var (_, worklist) = CollectionsEngine.Run(_portfolio.Records, _portfolio.Policy, _portfolio.AsOf, (_, decision) => actions += decision.Plan.Actions.Count);
        return actions + worklist.Top.Count;
    }

    /// <summary>The same day with every decision kept in one array (as the in-memory simulation does).</summary>
    [Benchmark]
    public PortfolioDay WholeDayKeepingAllDecisions() => CollectionsEngine.Run(_portfolio.Records, _portfolio.Policy, _portfolio.AsOf);

    [Benchmark]
    public CustomerFeatures[] FeaturesAndBalanceRanks() => _portfolio.RankedFeatures();

    [Benchmark]
    public int SegmentsAndPlans()
    {
        var actions = 0;
        var records = _portfolio.Records;
        for (var i = 0; i < records.Length; i++)
        {
            actions += CollectionsEngine.Decide(records[i], _features[i], _portfolio.Policy, _portfolio.AsOf).Plan.Actions.Count;
        }

        return actions;
    }

    [Benchmark]
    public RankedWorklist Worklists() => WorklistBuilder.Build(_features, id => _collectors.GetValueOrDefault(id), _portfolio.Policy);
}
