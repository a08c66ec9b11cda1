using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Domain.Engine;

/// <summary>
/// Everything the engine reads about one customer for one day: the customer, its invoices (open ones and the
/// paid history), payments, credits, interactions, yesterday's segment state, the ledger of steps already executed
/// for its invoices, and how many customer-facing contacts it had in the six days before.
/// </summary>
public readonly struct CustomerRecords
{
    public required Customer Customer { get; init; }

    public required ArraySegment<Invoice> Invoices { get; init; }

    public ArraySegment<Payment> Payments { get; init; }

    /// <summary>The customer's credits (credit memos, unapplied cash, overpayments); allocated by <see cref="CreditAllocation.Allocate"/>.</summary>
    public ArraySegment<Credit> Credits { get; init; }

    public ArraySegment<Interaction> Interactions { get; init; }

    public SegmentState? PreviousSegment { get; init; }

    public IReadOnlyList<LedgerEntry> Ledger { get; init; }

    public int ContactsInLast6Days { get; init; }

    /// <summary>The states of the customer's email addresses (bounced, suppressed, opted out); null means none.</summary>
    public IReadOnlyList<ContactState>? ContactStates { get; init; }
}

/// <summary>The engine's decisions for one customer on one day.</summary>
public readonly record struct CustomerDecision(SegmentAssignment Segment, CustomerPlan Plan);
