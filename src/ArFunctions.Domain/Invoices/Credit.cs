using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Invoices;

/// <summary>
/// Money the customer has to its good and that no invoice has taken yet: a credit memo from the ERP, cash received
/// without an invoice to apply it to, or the excess of a payment over the invoices it named. <see cref="Amount"/> is
/// what is still unapplied (0 once an overpayment was taken back by a refund or a grown invoice); an ERP's fully applied credit memo is not a credit here, its effect is
/// already in the invoices' open amounts. <see cref="AppliesTo"/> names the invoice the credit is meant for, when the
/// source says; otherwise the planner allocates it to the oldest open invoices first (docs/planner.md).
/// </summary>
public sealed record Credit(
    string Id,
    CustomerId CustomerId,
    CreditKind Kind,
    decimal Amount,
    CurrencyCode Currency,
    DateOnly On,
    InvoiceId? AppliesTo = null);

/// <summary>Where a <see cref="Credit"/> came from. Wire names are kebab-case.</summary>
public enum CreditKind
{
    /// <summary>A credit note issued by the ERP (a negative invoice in most exports).</summary>
    CreditMemo,

    /// <summary>Cash received and not applied to any invoice (an ERP's unapplied payment).</summary>
    UnappliedCash,

    /// <summary>The part of a payment webhook beyond the open amounts of the invoices it named.</summary>
    Overpayment,
}
