namespace ArFunctions.Samples;

/// <summary>What to generate. The same options always yield the same portfolio.</summary>
public sealed record PortfolioOptions
{
    public int Customers { get; init; } = 500;

    /// <summary>Average open invoices per customer; the actual count varies per customer around it.</summary>
    public double OpenInvoicesPerCustomer { get; init; } = 4;

    /// <summary>Average invoices paid in the last 12 months per customer (payment history).</summary>
    public double PaidInvoicesPerCustomer { get; init; } = 8;

    public int Seed { get; init; } = 42;

    public DateOnly AsOf { get; init; } = new(2026, 11, 23);

    /// <summary>Collectors that accounts are assigned to; about a quarter of accounts stay unassigned.</summary>
    public IReadOnlyList<string> Collectors { get; init; } = ["alice", "bob", "carol", "dave", "erin"];

    /// <summary>Dispute categories to draw from (the sample policy's).</summary>
    public IReadOnlyList<string> DisputeCategories { get; init; } = ["pricing", "quantity", "quality", "billing-error"];

    /// <summary>Share of open invoices that carry an open dispute.</summary>
    public double DisputeShare { get; init; } = 0.03;

    /// <summary>Share of overdue invoices that carry a promise to pay.</summary>
    public double PromiseShare { get; init; } = 0.04;
}
