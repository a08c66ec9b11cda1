using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// One customer on a worklist. <see cref="Rank"/> is 1-based within its list. <see cref="Collector"/> is the
/// collector whose list holds the customer; on the Top-N a customer on nobody's list shows its assigned
/// collector (possibly over capacity or not configured), or null when unassigned.
/// </summary>
public sealed record WorklistItem(
    int Rank,
    CustomerId CustomerId,
    double Score,
    string? Collector,
    decimal OverdueBalance,
    IReadOnlyList<PriorityReason> Reasons);

/// <summary>
/// The ranked lists of one run: the portfolio-wide <see cref="Top"/> (sized to the team's total capacity)
/// and one list per configured collector (every configured collector has an entry, possibly empty).
/// </summary>
public sealed class RankedWorklist(
    IReadOnlyList<WorklistItem> top,
    IReadOnlyDictionary<string, IReadOnlyList<WorklistItem>> byCollector,
    int eligibleCount,
    PortfolioScale scale)
{
    public IReadOnlyList<WorklistItem> Top { get; } = top;

    public IReadOnlyDictionary<string, IReadOnlyList<WorklistItem>> ByCollector { get; } = byCollector;

    /// <summary>Customers that passed eligibility, whether or not they made a list.</summary>
    public int EligibleCount { get; } = eligibleCount;

    /// <summary>The yardsticks the scores were normalised with.</summary>
    public PortfolioScale Scale { get; } = scale;
}
