using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Features;

/// <summary>
/// An invoice as it stood on the as-of date, in the base currency: its amount, what was still open, and the date
/// it was paid in full when that happened on or before the as-of date. See <see cref="Resolve"/> for the rule.
/// </summary>
internal readonly record struct InvoiceAsOf(decimal Amount, decimal Open, DateOnly? PaidOn)
{
    /// <summary>
    /// Cancelled and written-off invoices are closed with no payment history (the data has no date for either event).
    /// A paid invoice whose <see cref="Invoice.PaidOn"/> is on or before <paramref name="asOf"/> (or unknown) is paid on that date.
    /// Otherwise, when <paramref name="payments"/> (this invoice's, oldest first) is not empty, the open amount is
    /// <see cref="Invoice.Amount"/> minus the payments dated on or before <paramref name="asOf"/>, and the invoice
    /// counts as paid on the date those payments first covered the amount. Without payments, an open invoice is
    /// taken as given (<see cref="Invoice.OpenAmount"/>) and a paid one whose <see cref="Invoice.PaidOn"/> is after
    /// <paramref name="asOf"/> is open for its whole amount.
    /// </summary>
    public static InvoiceAsOf Resolve(Invoice invoice, ReadOnlySpan<Payment> payments, DateOnly asOf, CurrencySettings currency)
    {
        var amount = currency.ToBase(invoice.Amount, invoice.Currency);
        if (IsSettled(invoice, asOf))
        {
            return new InvoiceAsOf(amount, 0m, invoice.Status == InvoiceStatus.Paid ? invoice.PaidOn : null);
        }

        if (!payments.IsEmpty)
        {
            return FromPayments(amount, payments, asOf, currency);
        }

        var open = invoice.Status == InvoiceStatus.Paid ? amount : currency.ToBase(invoice.OpenAmount, invoice.Currency);
        return new InvoiceAsOf(amount, Math.Max(open, 0m), null);
    }

    /// <summary>
    /// Closed on <paramref name="asOf"/> whatever its payments say: cancelled, written off, or paid on or before the
    /// date (or on an unknown date). <see cref="Resolve"/> reads no payments for such an invoice.
    /// </summary>
    public static bool IsSettled(Invoice invoice, DateOnly asOf) => invoice.Status switch
    {
        InvoiceStatus.Cancelled or InvoiceStatus.WrittenOff => true,
        InvoiceStatus.Paid => invoice.PaidOn is not { } paidOn || paidOn <= asOf,
        _ => false,
    };

    private static InvoiceAsOf FromPayments(decimal amount, ReadOnlySpan<Payment> payments, DateOnly asOf, CurrencySettings currency)
    {
        var paid = 0m;
        foreach (var payment in payments)
        {
            if (payment.Date > asOf)
            {
                break;
            }

            paid += currency.ToBase(payment.Amount, payment.Currency);
            if (paid >= amount)
            {
                return new InvoiceAsOf(amount, 0m, payment.Date);
            }
        }

        return new InvoiceAsOf(amount, amount - paid, null);
    }
}
