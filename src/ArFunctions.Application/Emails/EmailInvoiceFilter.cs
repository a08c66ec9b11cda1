using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Emails;

/// <summary>
/// Which of an action's invoices an email may still chase on send day. The planner's own pause rules, applied again:
/// an invoice no longer collectible (paid, cancelled, written off), with a dispute open today, or under an unexpired
/// promise (made on or before today, today on or before its date plus grace days) is dropped.
/// </summary>
public static class EmailInvoiceFilter
{
    /// <summary>The invoices to chase, in the given order, and a text naming the dropped ones and why ("" when none).</summary>
    public static (IReadOnlyList<Invoice> Chase, string Dropped) Split(IReadOnlyList<Invoice> invoices, DateOnly today, int promiseGraceDays)
    {
        var chase = new List<Invoice>(invoices.Count);
        var dropped = new List<string>();
        foreach (var invoice in invoices)
        {
            if (DropReason(invoice, today, promiseGraceDays) is { } reason)
            {
                dropped.Add($"{invoice.Id.Value} {reason}");
            }
            else
            {
                chase.Add(invoice);
            }
        }

        return (chase, string.Join(", ", dropped));
    }

    private static string? DropReason(Invoice invoice, DateOnly today, int promiseGraceDays)
    {
        if (!invoice.IsCollectible)
        {
            return invoice.Status == InvoiceStatus.Open ? "paid" : Domain.Common.KebabName<InvoiceStatus>.Format(invoice.Status);
        }

        if (invoice.Dispute is { } dispute && dispute.IsOpenOn(today))
        {
            return "disputed";
        }

        return invoice.Promise is { } promise && promise.MadeOn <= today && today <= promise.Date.AddDays(promiseGraceDays)
            ? "promised"
            : null;
    }
}
