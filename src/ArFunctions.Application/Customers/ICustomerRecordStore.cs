using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Customers;

/// <summary>A stored action of one customer, as the Actions table holds it; <see cref="Delivery"/> is an email's latest delivery report.</summary>
public sealed record CustomerActionRecord(
    string ActionId,
    DateOnly AsOf,
    Domain.Strategies.ActionKind Kind,
    string? Template,
    string? ContactName,
    ContactRole? ContactRole,
    string? AssignTo,
    IReadOnlyList<string> Invoices,
    ActionStatus Status,
    string? StatusReason,
    Emails.ActionDelivery? Delivery = null);

/// <summary>
/// Everything stored about one customer: all its invoices, payments, credits and interactions, its daily-run state, segment
/// moves, actions, and its balance rank from the last completed run (0 when unranked).
/// </summary>
public sealed record CustomerRecordSet(
    Customer Customer,
    IReadOnlyList<Invoice> Invoices,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<Interaction> Interactions,
    CustomerState? State,
    IReadOnlyList<SegmentMove> SegmentMoves,
    IReadOnlyList<CustomerActionRecord> Actions,
    int BalanceRank)
{
    /// <summary>The customer's credits (credit memos, unapplied cash, overpayments) as stored.</summary>
    public IReadOnlyList<Credit> Credits { get; init; } = [];

    /// <summary>The states of the customer's email addresses (bounced, suppressed, opted out).</summary>
    public IReadOnlyList<ContactState> ContactStates { get; init; } = [];
}

/// <summary>Reads one customer's records.</summary>
public interface ICustomerRecordStore
{
    /// <summary>The customer's records, or null when no such customer is stored.</summary>
    Task<CustomerRecordSet?> GetAsync(CustomerId customerId, CancellationToken cancellationToken);
}
