using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Invoices;

/// <summary>
/// A dispute raised on an invoice. Open until <see cref="Resolved"/> is set. <see cref="OpenedBy"/> is who raised it,
/// as the audit names them (a person, <c>key:&lt;name&gt;</c>, a webhook source); null when it came with the ERP's data.
/// </summary>
public sealed record Dispute(string Category, DateOnly Opened, DateOnly? Resolved = null, string? OpenedBy = null)
{
    public bool IsOpenOn(DateOnly asOf) => Opened <= asOf && (Resolved is null || Resolved > asOf);
}

/// <summary>
/// A promise to pay <see cref="Amount"/> by <see cref="Date"/>, made on <see cref="MadeOn"/>; <see cref="RecordedBy"/> is
/// who recorded it, as the audit names them (null when it came with the ERP's data).
/// </summary>
public sealed record PaymentPromise(DateOnly Date, decimal Amount, DateOnly MadeOn, string? RecordedBy = null)
{
    /// <summary>Whether the promise holds on <paramref name="asOf"/>: made by then, and its date plus <paramref name="graceDays"/> not yet passed.</summary>
    public bool IsPendingOn(DateOnly asOf, int graceDays) => MadeOn <= asOf && asOf <= Date.AddDays(graceDays);
}

/// <summary>An invoice issued to a customer. Amounts are in <see cref="Currency"/>.</summary>
public sealed record Invoice
{
    public required InvoiceId Id { get; init; }

    public required CustomerId CustomerId { get; init; }

    public required DateOnly IssueDate { get; init; }

    public required DateOnly DueDate { get; init; }

    public required decimal Amount { get; init; }

    /// <summary>What is still owed; 0 once paid in full.</summary>
    public required decimal OpenAmount { get; init; }

    public required CurrencyCode Currency { get; init; }

    public InvoiceStatus Status { get; init; } = InvoiceStatus.Open;

    public Dispute? Dispute { get; init; }

    public PaymentPromise? Promise { get; init; }

    /// <summary>The date the invoice was paid in full; null while open.</summary>
    public DateOnly? PaidOn { get; init; }

    /// <summary>
    /// Where the customer pays this invoice online (the payment processor's hosted page), an absolute https address;
    /// null when it has none. The emails and the customer page show it; the payment then arrives by webhook.
    /// </summary>
    public string? PaymentLink { get; init; }

    /// <summary>True when the invoice is open with something left to collect.</summary>
    public bool IsCollectible => Status == InvoiceStatus.Open && OpenAmount > 0m;

    /// <summary>Days past the due date as of <paramref name="asOf"/>; negative before the due date.</summary>
    public int DaysPastDue(DateOnly asOf) => asOf.DayNumber - DueDate.DayNumber;
}
