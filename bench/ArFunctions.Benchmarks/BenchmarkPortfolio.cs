using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;
using ArFunctions.Samples;

namespace ArFunctions.Benchmarks;

/// <summary>
/// A generated portfolio brought to a steady state: the engine has already run the two days before, so the ledger
/// and the segment states are what a daily run would find (most steps already executed, a few due today).
/// </summary>
public sealed class BenchmarkPortfolio
{
    public const int Seed = 2026;

    private BenchmarkPortfolio(CollectionPolicy policy, DateOnly asOf, CustomerRecords[] records, int openInvoices)
    {
        Policy = policy;
        AsOf = asOf;
        Records = records;
        OpenInvoices = openInvoices;
    }

    public CollectionPolicy Policy { get; }

    public DateOnly AsOf { get; }

    public CustomerRecords[] Records { get; }

    public int OpenInvoices { get; }

    public static PortfolioOptions Options(int customers, double openInvoicesPerCustomer) => new()
    {
        Customers = customers,
        OpenInvoicesPerCustomer = openInvoicesPerCustomer,
        PaidInvoicesPerCustomer = 4,
        Seed = Seed,
        AsOf = new DateOnly(2026, 11, 23),
    };

    public static BenchmarkPortfolio Create(int customers, double openInvoicesPerCustomer)
    {
        var policy = LoadSamplePolicy();
        var options = Options(customers, openInvoicesPerCustomer);
        var portfolio = PortfolioGenerator.Generate(options);
        var records = new CustomerRecords[customers];
        var ledgers = new List<LedgerEntry>[customers];
        var segments = new SegmentState?[customers];
        for (var i = 0; i < customers; i++)
        {
            ledgers[i] = [];
            var range = portfolio.Ranges[i];
            records[i] = new CustomerRecords
            {
                Customer = portfolio.Customers[i],
                Invoices = new ArraySegment<Domain.Invoices.Invoice>(portfolio.Invoices, range.InvoiceStart, range.InvoiceCount),
                Payments = new ArraySegment<Domain.Invoices.Payment>(portfolio.Payments, range.PaymentStart, range.PaymentCount),
                Interactions = new ArraySegment<Domain.Invoices.Interaction>(portfolio.Interactions, range.InteractionStart, range.InteractionCount),
                Ledger = ledgers[i],
            };
        }

        for (var day = options.AsOf.AddDays(-2); day < options.AsOf; day = day.AddDays(1))
        {
            var result = CollectionsEngine.Run(records, policy, day);
            for (var i = 0; i < customers; i++)
            {
                ledgers[i].AddRange(result.Decisions[i].Plan.LedgerWrites);
                segments[i] = result.Decisions[i].Segment.State;
                records[i] = records[i] with { PreviousSegment = segments[i] };
            }
        }

        return new BenchmarkPortfolio(policy, options.AsOf, records, portfolio.OpenInvoiceCount);
    }

    public static CollectionPolicy LoadSamplePolicy()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json");
        var result = PolicyLoader.Load(File.ReadAllText(path));
        return result.IsValid ? result.Policy : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    /// <summary>Features with balance ranks, as the decision phase expects them.</summary>
    public CustomerFeatures[] RankedFeatures()
    {
        var features = new CustomerFeatures[Records.Length];
        for (var i = 0; i < Records.Length; i++)
        {
            features[i] = CollectionsEngine.Features(Records[i], Policy, AsOf);
        }

        BalanceRanking.Assign(features);
        return features;
    }
}
