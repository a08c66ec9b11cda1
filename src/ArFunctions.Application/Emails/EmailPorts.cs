using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Emails;

/// <summary>
/// A stored action as its handler reads it: what was planned, for whom, covering which invoices, how far it got, the
/// handler's claim when one holds it, and the storage version (ETag) a claim is conditional on.
/// </summary>
public sealed record StoredActionView(
    string ActionId,
    DateOnly AsOf,
    ActionKind Kind,
    CustomerId CustomerId,
    string? Template,
    ContactRole? ContactRole,
    IReadOnlyList<InvoiceId> Invoices,
    ActionStatus Status,
    ActionClaim? Claim = null,
    string? Version = null);

/// <summary>How an action ended: <see cref="ActionStatus.Sent"/>, <see cref="ActionStatus.Skipped"/> or <see cref="ActionStatus.Failed"/>, why, and when.</summary>
public sealed record ActionOutcome(ActionStatus Status, string? Reason, DateTimeOffset CompletedAt);

/// <summary>
/// A customer as it is now: the current state of the invoices an action covers (those still stored, in the order
/// asked), every invoice of the customer (<see cref="AllInvoices"/>, any status) for account totals, and its credits
/// as stored now (credit memos, unapplied cash, overpayments).
/// </summary>
public sealed record CustomerAccount(Customer Customer, IReadOnlyList<Invoice> Invoices, IReadOnlyList<Invoice> AllInvoices)
{
    public IReadOnlyList<Credit> Credits { get; init; } = [];

    /// <summary>The states of the customer's email addresses: an unusable or opted-out one is not emailed.</summary>
    public IReadOnlyList<ContactState> ContactStates { get; init; } = [];
}

/// <summary>The stored actions, read and completed by the handlers that carry them out.</summary>
public interface IActionOutcomeStore
{
    /// <summary>The action with this id in the shard, or null when there is none.</summary>
    Task<StoredActionView?> GetAsync(int shard, string actionId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the action to <see cref="ActionStatus.Sending"/> with <paramref name="claim"/>, only if it is still at the
    /// version read (<see cref="StoredActionView.Version"/>). True for exactly one of concurrent claimers.
    /// </summary>
    Task<bool> TryClaimAsync(int shard, StoredActionView action, ActionClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Records the final status, its reason and the time it was reached, unless the action is already final
    /// (<see cref="ActionStatusOrder"/>); false then.
    /// </summary>
    Task<bool> CompleteAsync(int shard, string actionId, ActionOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>Fresh reads for a just-in-time re-check before a customer is contacted.</summary>
public interface ICustomerAccountReader
{
    /// <summary>The customer, the named invoices and all the customer's invoices as stored now; null when the customer is gone.</summary>
    Task<CustomerAccount?> GetAsync(CustomerId customerId, IReadOnlyList<InvoiceId> invoiceIds, CancellationToken cancellationToken);
}

/// <summary>Records touch points with customers. Recording the same interaction twice stores it once.</summary>
public interface IInteractionRecorder
{
    Task RecordAsync(Interaction interaction, CancellationToken cancellationToken);
}

/// <summary>Turns a template id and an email's content into the subject, HTML and plain text to send.</summary>
public interface IEmailRenderer
{
    /// <summary>The rendered email, or null when the deployment ships no template <paramref name="templateId"/>.</summary>
    RenderedEmail? Render(string templateId, EmailContent content);
}

/// <summary>
/// Delivers one email. Sender address, name and reply-to come from the sender's own settings. A send is named after
/// its action, so the service (or the pickup folder) can tell whether it already has it.
/// </summary>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);

    /// <summary>Whether the service already received the send of action <paramref name="actionId"/> (asked before a send is retried).</summary>
    Task<EmailReceipt> CheckAsync(string actionId, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps sends within the configured rate (the ACS quota). Counts per process: run the email queue on one instance,
/// or divide the quota by the instances that may send.
/// </summary>
public interface ISendRateGate
{
    /// <summary>Takes one send slot and returns null, or returns how long to wait before one is free (nothing taken).</summary>
    TimeSpan? TryAcquire();
}
