using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ArFunctions.Samples;

namespace ArFunctions.Benchmarks;

/// <summary>
/// One core (process affinity to CPU 0), one launch, five warm-up and seven measured runs of the whole operation:
/// each operation takes about half a second, so pilot and unrolling stages would add nothing but time. Five warm-ups,
/// not one: the first two to four runs of a process are slower than the rest while the runtime warms up (tiered
/// recompilation, the GC sizing its heap); with one warm-up they were measured and led the mean (791 and 691 ms, then
/// 448 to 523 ms, on 2026-12-08).
/// </summary>
public sealed class OneCoreConfig : ManualConfig
{
    public OneCoreConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(5)
            .WithIterationCount(7)
            .WithAffinity(1)
            .WithGcServer(false)
            .WithId("one-core"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new InvoicesPerSecondColumn());
        AddColumn(StatisticColumn.Min, StatisticColumn.Max);
    }
}

/// <summary>Open invoices processed per second: the portfolio's open invoice count over the mean time of one operation.</summary>
public sealed class InvoicesPerSecondColumn : IColumn
{
    private readonly Dictionary<(int, double), int> _openInvoices = [];

    public string Id => "InvoicesPerSecond";

    public string ColumnName => "Invoices/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Open invoices of the portfolio divided by the mean time of one operation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
        {
            return "-";
        }

        var customers = (int)benchmarkCase.Parameters["Customers"];
        var perCustomer = (double)benchmarkCase.Parameters["OpenInvoicesPerCustomer"];
        if (!_openInvoices.TryGetValue((customers, perCustomer), out var open))
        {
            open = PortfolioGenerator.Generate(BenchmarkPortfolio.Options(customers, perCustomer)).OpenInvoiceCount;
            _openInvoices[(customers, perCustomer)] = open;
        }

        return (open / (statistics.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
