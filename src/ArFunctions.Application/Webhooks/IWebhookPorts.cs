using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Webhooks;

/// <summary>How far a received webhook event has got.</summary>
public enum WebhookEventStatus
{
    /// <summary>Stored, its message sent or about to be (a redelivery sends it again until the event is applied).</summary>
    Received,

    /// <summary>Written by earlier versions once the message was sent; a redelivery does not send it again.</summary>
    Queued,

    /// <summary>An event type we do not handle: acknowledged and kept for the record.</summary>
    Ignored,

    /// <summary>A refund whose payment is not applied yet: applied when the payment is.</summary>
    Parked,
    Applied,
}

/// <summary>A webhook event as stored, keyed by (source, event id). <see cref="Event"/> is null for ignored types.</summary>
public sealed record WebhookEventRecord(string Source, string EventId, string EventType, WebhookEventStatus Status, DateTimeOffset ReceivedAt, PaymentEvent? Event);

/// <summary>A value read together with the version (ETag) that guards its next replacement.</summary>
public sealed record Stored<T>(T Value, string Version);

/// <summary>The WebhookEvents table: one row per (source, event id), written once by a conditional insert.</summary>
public interface IWebhookEventStore
{
    /// <summary>Inserts the event unless (source, event id) is stored: false when it was already there.</summary>
    Task<bool> TryAddAsync(WebhookEventRecord record, CancellationToken cancellationToken);

    Task<WebhookEventRecord?> GetAsync(string source, string eventId, CancellationToken cancellationToken);

    Task SetStatusAsync(string source, string eventId, WebhookEventStatus status, CancellationToken cancellationToken);
}

/// <summary>Money of one payment put on one invoice, and how much of it refunds took back since.</summary>
public sealed record AppliedAllocation(string InvoiceId, string CustomerId, decimal Amount, decimal Reopened);

/// <summary>A change of one invoice's open amount: negative pays, positive reopens.</summary>
public sealed record InvoiceStep(string InvoiceId, string CustomerId, decimal Delta);

/// <summary>What one event (or one resolution) did to a payment: its invoice steps, its credit change and the allocations it could not match.</summary>
public sealed record PaymentPlan(IReadOnlyList<InvoiceStep> Steps, decimal CreditDelta, IReadOnlyList<int> Unmatched);

/// <summary>
/// Everything applied of one payment (source, payment id): the single record that decides each event's plan once.
/// Plans are kept by event id so a retry carries out the same plan instead of planning again.
/// </summary>
public sealed record PaymentState(
    string Source,
    string PaymentId,
    string Currency,
    DateOnly PaidOn,
    string? CustomerId,
    IReadOnlyList<AppliedAllocation> Allocations,
    decimal Credit,
    decimal RefundedTotal,
    IReadOnlyDictionary<string, PaymentPlan> Plans);

/// <summary>The PaymentStates table (and the refunds parked until their payment is applied).</summary>
public interface IPaymentStateStore
{
    Task<Stored<PaymentState>?> GetAsync(string source, string paymentId, CancellationToken cancellationToken);

    Task<bool> TryAddAsync(PaymentState state, CancellationToken cancellationToken);

    /// <summary>Replaces the state if it still has <paramref name="version"/>; false when another writer got there first.</summary>
    Task<bool> TryReplaceAsync(PaymentState state, string version, CancellationToken cancellationToken);

    Task ParkRefundAsync(string source, string paymentId, string eventId, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetParkedRefundsAsync(string source, string paymentId, CancellationToken cancellationToken);

    Task RemoveParkedRefundAsync(string source, string paymentId, string eventId, CancellationToken cancellationToken);
}

/// <summary>
/// What one source has paid on one invoice, kept on the invoice row and changed with its open amount in one conditional
/// write: <see cref="Named"/> is the sum of the distinct payments applied to it, <see cref="Confirmed"/> the largest
/// invoice total the source confirmed without naming the payment (<see cref="PaymentEvent.IsInvoiceTotal"/>). The
/// invoice carries <see cref="Applied"/> = max(Named, Confirmed) of the source's money, so a confirmed total and the
/// payment behind it count once, whichever arrives first.
/// </summary>
public sealed record SourceTotals(decimal Named, decimal Confirmed)
{
    public static SourceTotals None { get; } = new(0m, 0m);

    public decimal Applied => Math.Max(Named, Confirmed);

    /// <summary>Confirmed money that no named payment accounts for yet: what a payment arriving later is absorbed by.</summary>
    public decimal Unexplained => Math.Max(0m, Confirmed - Named);

    /// <summary>The totals after one more step: a named payment adds to <see cref="Named"/>, a confirmed total raises <see cref="Confirmed"/>.</summary>
    public SourceTotals With(decimal amount, bool isInvoiceTotal) =>
        isInvoiceTotal ? this with { Confirmed = Math.Max(Confirmed, amount) } : this with { Named = Named + amount };
}

/// <summary>
/// An invoice as one invocation read it to plan a payment: its <see cref="SourceTotals"/> from the source paying, and
/// the stored row (<see cref="Row"/>, the adapter's own, opaque here). The invocation's paying step writes under that
/// row's version instead of reading it again; a row changed since is read again, so the hint saves a round trip and
/// decides nothing.
/// </summary>
public sealed record InvoiceRead(Invoice Invoice, SourceTotals Totals, object Row);

/// <summary>The invoice after a paying step (also on a repeat), and the source's totals on it.</summary>
public sealed record PaidStep(Invoice Invoice, SourceTotals Totals);

/// <summary>The receivables a payment event changes: invoices (by id alone, through the invoice index), payments, credits, interactions, actions.</summary>
public interface IReceivablesLedger
{
    Task<Invoice?> FindInvoiceAsync(InvoiceId invoiceId, CancellationToken cancellationToken);

    /// <summary>Finds an invoice by id with <paramref name="source"/>'s totals on it, in the same reads as <see cref="FindInvoiceAsync"/>; null when unknown.</summary>
    Task<InvoiceRead?> FindToPayAsync(InvoiceId invoiceId, string source, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="delta"/> to the invoice's open amount once per <paramref name="stepKey"/> (a retry changes
    /// nothing), never below zero; paid in full sets status paid and PaidOn, reopening sets it open again. Null when the invoice is gone.
    /// </summary>
    Task<Invoice?> ApplyStepAsync(CustomerId customerId, InvoiceId invoiceId, string stepKey, decimal delta, DateOnly on, CancellationToken cancellationToken);

    /// <summary>
    /// Pays the invoice from <paramref name="source"/> once per <paramref name="stepKey"/>: its <see cref="SourceTotals"/>
    /// take the step (<see cref="SourceTotals.With"/>) and the open amount falls by the growth of
    /// <see cref="SourceTotals.Applied"/>, never below zero; paid in full sets status paid and PaidOn. The totals after
    /// the step (also on a repeat), or null when the invoice is gone. <paramref name="read"/>: the invoice as this
    /// invocation read it (<see cref="FindToPayAsync"/>), written under instead of read again; null reads it.
    /// </summary>
    Task<PaidStep?> ApplyPaidStepAsync(CustomerId customerId, InvoiceId invoiceId, string stepKey, string source, decimal amount, bool isInvoiceTotal, DateOnly on, InvoiceRead? read, CancellationToken cancellationToken);

    /// <summary>The source's totals on the invoice (<see cref="SourceTotals.None"/> when it has none or is gone).</summary>
    Task<SourceTotals> GetSourceTotalsAsync(CustomerId customerId, InvoiceId invoiceId, string source, CancellationToken cancellationToken);

    /// <summary>Opens the dispute unless the invoice already has an open one.</summary>
    Task OpenDisputeAsync(CustomerId customerId, InvoiceId invoiceId, Dispute dispute, CancellationToken cancellationToken);

    Task UpsertPaymentsAsync(IReadOnlyList<Payment> payments, CancellationToken cancellationToken);

    /// <summary>Stores the payment's overpayment credit (<see cref="CreditKind.Overpayment"/>), 0 once it is taken back.</summary>
    Task UpsertCreditAsync(Credit credit, CancellationToken cancellationToken);

    Task AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken);

    Task<IReadOnlyList<Invoice>> GetCustomerInvoicesAsync(CustomerId customerId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the customer's planned or queued actions skipped with <paramref name="reason"/> when every invoice they
    /// cover is in <paramref name="closedInvoiceIds"/>, asked only when the customer has such an action; an action that
    /// moved on meanwhile is left alone. Only actions of <paramref name="plannedSince"/> or later are looked at (their ids
    /// start with their day), so the cost stays that of a few days of the shard's actions however many it holds.
    /// Returns the ids skipped.
    /// </summary>
    Task<IReadOnlyList<string>> SkipPendingActionsAsync(CustomerId customerId, DateOnly plannedSince, Func<CancellationToken, Task<IReadOnlySet<string>>> closedInvoiceIds, string reason, CancellationToken cancellationToken);
}

/// <summary>
/// A payment event (or part of one) we could not tie to an invoice: kept until someone names the invoice.
/// <see cref="ResolvedBy"/> and <see cref="ResolvedOn"/> say who named it (<c>Caller.AuditName</c>) and on which business date.
/// <see cref="IsInvoiceTotal"/>: the row is an invoice's confirmed paid total (Stripe's <c>invoice.paid</c> without expanded
/// payments), not a payment; resolved, it confirms the total as the live path would, so with the payment it reports it counts once.
/// </summary>
public sealed record UnmatchedPayment(
    string UnmatchedId,
    string Source,
    string EventId,
    int Allocation,
    PaymentEventKind Kind,
    string PaymentId,
    string? InvoiceRef,
    string? CustomerRef,
    decimal Amount,
    string Currency,
    DateOnly PaidOn,
    string Reason,
    string? ResolvedInvoiceId,
    string? ResolvedBy = null,
    DateOnly? ResolvedOn = null,
    bool IsInvoiceTotal = false);

/// <summary>The UnmatchedPayments table.</summary>
public interface IUnmatchedPaymentStore
{
    /// <summary>Stores the row unless its id is stored (ids derive from the event, so a retry adds nothing).</summary>
    Task AddAsync(UnmatchedPayment unmatched, CancellationToken cancellationToken);

    Task<Stored<UnmatchedPayment>?> GetAsync(string unmatchedId, CancellationToken cancellationToken);

    Task<IReadOnlyList<UnmatchedPayment>> ListOpenAsync(CancellationToken cancellationToken);

    Task<bool> TryReplaceAsync(UnmatchedPayment unmatched, string version, CancellationToken cancellationToken);
}
