using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Invoice totals: an event that confirms an invoice's paid total without naming the payment (Stripe's invoice.paid
/// without expanded payments). Each invoice keeps, per source, the sum of the distinct payments applied to it and the
/// largest total confirmed (<see cref="SourceTotals"/>), changed with its open amount in one conditional write; the
/// invoice carries the larger of the two. A total tops the invoice up to what it confirms; a payment arriving after a
/// total is absorbed by the part no payment explained yet. Neither order counts the money twice, and none is lost.
/// </summary>
public sealed partial class PaymentApplier
{
    /// <summary>The payment id of an invoice's Payments row for confirmed money no named payment accounts for yet.</summary>
    public const string UnexplainedPaymentId = "confirmed-total";

    private async Task ApplyInvoiceTotalAsync(PaymentEvent total, CancellationToken cancellationToken)
    {
        var allocation = total.Allocations.Count == 1 ? total.Allocations[0] : null;
        var invoice = await FindAsync(allocation?.InvoiceRef, cancellationToken).ConfigureAwait(false);
        if (invoice is null || invoice.Currency.Value != total.Currency)
        {
            await ParkUnmatchedAsync(total, allocation is null ? -1 : 0, "the invoice total names no open invoice in its currency", cancellationToken).ConfigureAwait(false);
            return;
        }

        await ConfirmInvoiceTotalAsync(total.Source, total.EventId, invoice, total.Amount, total.PaidOn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Confirms <paramref name="amount"/> as the invoice's paid total from <paramref name="source"/>, keyed by the event:
    /// the live path and a parked total resolved by hand make the same step, so the total counts once either way.
    /// </summary>
    private async Task ConfirmInvoiceTotalAsync(string source, string eventId, Invoice invoice, decimal amount, DateOnly paidOn, CancellationToken cancellationToken)
    {
        var step = new InvoiceStep(invoice.Id.Value, invoice.CustomerId.Value, -amount);
        var paid = await PayAsync(source, step, Hash(source, eventId, "total"), amount, true, paidOn, null, cancellationToken).ConfigureAwait(false);
        if (paid is { IsCollectible: false })
        {
            await SkipActionsOfClosedInvoicesAsync(invoice.CustomerId, paidOn, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One paying step through the invoice's source totals; then the invoice's row of unexplained confirmed money follows
    /// the totals, so the Payments rows of the invoice add up to what it carries from the source. The invoice after the
    /// step, or null when it is gone.
    /// </summary>
    private async Task<Invoice?> PayAsync(string source, InvoiceStep step, string stepKey, decimal amount, bool isInvoiceTotal, DateOnly on, InvoiceRead? read, CancellationToken cancellationToken)
    {
        var customerId = new CustomerId(step.CustomerId);
        var invoiceId = new InvoiceId(step.InvoiceId);
        var paid = await ledger.ApplyPaidStepAsync(customerId, invoiceId, stepKey, source, amount, isInvoiceTotal, on, read, cancellationToken).ConfigureAwait(false);
        if (paid is { Totals.Confirmed: > 0m, Invoice: var invoice })
        {
            var method = source == WebhookOptions.StripeSource ? PaymentMethod.Card : PaymentMethod.Wire;
            var row = new Payment(PaymentRowId(source, UnexplainedPaymentId, step.InvoiceId), invoiceId, customerId, paid.Totals.Unexplained, invoice.Currency, on, method);
            await ledger.UpsertPaymentsAsync([row], cancellationToken).ConfigureAwait(false);
        }

        return paid?.Invoice;
    }

    /// <summary>
    /// How much of a payment an invoice takes: its open amount while collectible, plus the confirmed money no named
    /// payment explains yet (the payment is that money arriving by name, not more of it).
    /// </summary>
    private async Task<decimal> PayableAsync(string source, Invoice invoice, CancellationToken cancellationToken)
    {
        var totals = await ledger.GetSourceTotalsAsync(invoice.CustomerId, invoice.Id, source, cancellationToken).ConfigureAwait(false);
        return Payable(invoice, totals);
    }

    private static decimal Payable(Invoice invoice, SourceTotals totals) => (invoice.IsCollectible ? invoice.OpenAmount : 0m) + totals.Unexplained;
}
