using ArFunctions.Application.DailyRuns;

namespace ArFunctions.Application.Runs;

/// <summary>One customer's day under one policy: the segment it lands in and the actions the run would create.</summary>
public sealed record CustomerDay(string CustomerId, string Segment, IReadOnlyList<DryRunAction> Actions);

/// <summary>
/// An action both policies would create (same <see cref="ActionId"/>: same customer, day, kind and assignee) that
/// differs in <see cref="Fields"/>: <c>template</c>, <c>contactRole</c>, <c>invoices</c>, <c>steps</c>.
/// </summary>
public sealed record ActionChange(string ActionId, IReadOnlyList<string> Fields, DryRunAction InForce, DryRunAction Draft);

/// <summary>
/// What the draft changes for one customer: its segment under each policy (null when that side left the customer out
/// for a data problem), the actions only the draft would create (<see cref="Added"/>), those only the policy in force
/// would (<see cref="Removed"/>) and those both would, differently (<see cref="Changed"/>).
/// </summary>
public sealed record CustomerDifference(
    string CustomerId,
    string? SegmentInForce,
    string? SegmentDraft,
    IReadOnlyList<DryRunAction> Added,
    IReadOnlyList<DryRunAction> Removed,
    IReadOnlyList<ActionChange> Changed);

/// <summary>A segment's figures for the day under each policy (customers in it, steps, actions by kind).</summary>
public sealed record SegmentTotals(string Segment, RunCounts InForce, RunCounts Draft);

/// <summary>
/// The calls a collector would be given that day under each policy, against their capacity there (null when the
/// collector is not in that policy: a customer's assigned collector, or <c>collections-manager</c> when everyone of
/// the team is full). An estimate: see <see cref="CollectorCallEstimate"/>.
/// </summary>
public sealed record CollectorCalls(string Collector, int? CapacityInForce, int CallsInForce, int? CapacityDraft, int CallsDraft)
{
    public bool OverCapacityInForce => CallsInForce > (CapacityInForce ?? int.MaxValue);

    public bool OverCapacityDraft => CallsDraft > (CapacityDraft ?? int.MaxValue);
}

/// <summary>
/// What the run of <see cref="AsOf"/> would do under the policy in force and under a draft, computed twice over the
/// same stored data without writing anything. <see cref="Differences"/> is in shard then customer order and holds at
/// most <see cref="PolicyPreview.MaxListedCustomers"/> (<see cref="CustomersChanged"/> counts them all);
/// <see cref="ChangesNothing"/> is true when no customer's segment or actions differ.
/// </summary>
public sealed record PolicyPreviewReport(
    DateOnly AsOf,
    string PolicyInForce,
    string Draft,
    int Customers,
    int CustomersChanged,
    IReadOnlyList<CustomerDifference> Differences,
    bool Truncated,
    IReadOnlyList<SegmentTotals> Segments,
    IReadOnlyList<CollectorCalls> Collectors,
    IReadOnlyList<DataProblemView> DataProblems)
{
    public bool ChangesNothing => CustomersChanged == 0;
}
