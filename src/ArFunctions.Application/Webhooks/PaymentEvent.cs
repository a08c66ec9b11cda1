namespace ArFunctions.Application.Webhooks;

/// <summary>What a payment event means for receivables, whatever processor sent it.</summary>
public enum PaymentEventKind
{
    /// <summary>Money received: reduces the open amount of the allocated invoices; any excess becomes a credit.</summary>
    PaymentSucceeded,

    /// <summary><see cref="PaymentEvent.Amount"/> is the total refunded of the payment so far (cumulative, as Stripe's amount_refunded).</summary>
    PaymentRefunded,

    /// <summary>A collection attempt failed: recorded as an interaction of kind payment-failed.</summary>
    PaymentFailed,

    /// <summary>A chargeback: opens a dispute of category chargeback on the invoices, which pauses dunning.</summary>
    DisputeCreated,
}

/// <summary>Part of a payment meant for one invoice. <see cref="InvoiceRef"/> is our invoice id as the sender named it; null when it named none.</summary>
public sealed record PaymentAllocation(string? InvoiceRef, decimal Amount);

/// <summary>
/// A payment event normalized from a processor's payload. Amounts are in major units of <see cref="Currency"/>
/// (Stripe's minor units already divided). <see cref="PaymentId"/> identifies the underlying payment across events
/// (Stripe's payment intent, else its charge), so invoice.paid, payment_intent.succeeded and charge.succeeded of one
/// payment apply once. <see cref="IsInvoiceTotal"/>: the event names no payment, and <see cref="Amount"/> is the invoice's
/// cumulative total paid as the processor confirms it (Stripe's amount_paid); <see cref="PaymentId"/> is then the
/// processor's invoice, and applying it only tops the invoice up to that total (docs/webhooks.md).
/// </summary>
public sealed record PaymentEvent(
    string Source,
    string EventId,
    string EventType,
    PaymentEventKind Kind,
    string PaymentId,
    string? CustomerRef,
    decimal Amount,
    string Currency,
    DateOnly PaidOn,
    IReadOnlyList<PaymentAllocation> Allocations,
    bool IsInvoiceTotal = false);

/// <summary>The queue message of <c>ar-payments</c>: names a stored webhook event; the event itself stays in the table.</summary>
public sealed record PaymentEventMessage(string Source, string EventId);

/// <summary>A body parsed: an event to apply, an event type we do not handle (<see cref="Event"/> and <see cref="Error"/> null), or an error.</summary>
public sealed record ParsedWebhook(string? EventId, string? EventType, PaymentEvent? Event, string? Error)
{
    public static ParsedWebhook Invalid(string error) => new(null, null, null, error);

    public static ParsedWebhook Ignored(string eventId, string eventType) => new(eventId, eventType, null, null);
}
