using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Emails;

/// <summary>
/// Which of an action's invoices an email may still chase on send day. The planner's own pause rules, applied again:
/// an invoice no longer collectible (paid, cancelled, written off), with a dispute open today, or under an unexpired
/// promise (made on or before today, today on or before its date plus grace days) is dropped. And the email's wording
/// must still be true on send day: an action planned when none of its invoices was past due carries "due soon"
/// wording, so an invoice past due by the time it is sent (the queue ran late) is dropped too.
/// </summary>
public static class EmailInvoiceFilter
{
    /// <summary>
    /// The invoices to chase, in the given order, and a text naming the dropped ones and why ("" when none).
    /// <paramref name="plannedOn"/> is the action's planning day, <paramref name="today"/> the send day.
    /// </summary>
    public static (IReadOnlyList<Invoice> Chase, string Dropped) Split(IReadOnlyList<Invoice> invoices, DateOnly plannedOn, DateOnly today, int promiseGraceDays)
    {
        var chase = new List<Invoice>(invoices.Count);
        var dropped = new List<string>();
        var plannedBeforeDue = invoices.All(i => i.DaysPastDue(plannedOn) <= 0);
        foreach (var invoice in invoices)
        {
            if ((DropReason(invoice, today, promiseGraceDays) ?? LateReason(invoice, plannedBeforeDue, today)) is { } reason)
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

    private static string? LateReason(Invoice invoice, bool plannedBeforeDue, DateOnly today) =>
        plannedBeforeDue && invoice.DaysPastDue(today) > 0
            ? $"past due since {invoice.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}, after this reminder was planned as not yet due"
            : null;

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

        return invoice.Promise is { } promise && promise.IsPendingOn(today, promiseGraceDays)
            ? "promised"
            : null;
    }
}
