using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Emails;

/// <summary>
/// Builds what a template sees from the re-read customer, the chosen contact, the invoices still chased and the
/// account's credits (those dated by <c>today</c> with something unapplied, oldest first).
/// </summary>
public static class EmailContentBuilder
{
    public static EmailContent Build(Customer customer, Contact contact, IReadOnlyList<Invoice> invoices, DateOnly today, IReadOnlyList<Credit>? credits = null)
    {
        var lines = invoices
            .OrderBy(i => i.DueDate)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .Select(i => new EmailInvoice(i.Id.Value, i.IssueDate, i.DueDate, i.Amount, i.OpenAmount, i.Currency.Value, i.DaysPastDue(today), null))
            .ToArray();
        var totals = lines
            .GroupBy(l => l.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EmailTotal(g.Key, g.Sum(l => l.OpenAmount)))
            .ToArray();
        return new EmailContent(
            new EmailCustomer(customer.Id.Value, customer.Name),
            new EmailContact(contact.Name, KebabName<ContactRole>.Format(contact.Role)),
            lines,
            totals,
            today)
        {
            Credits = (credits ?? [])
                .Where(c => c.Amount > 0m && c.On <= today)
                .OrderBy(c => c.On)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new EmailCredit(c.Id, Label(c), c.Currency.Value, c.Amount))
                .ToArray(),
        };
    }

    /// <summary>What the customer calls it: their credit memo by its number; cash by what it was, since its id is ours.</summary>
    private static string Label(Credit credit) => credit.Kind switch
    {
        CreditKind.CreditMemo => "credit memo " + credit.Id,
        CreditKind.UnappliedCash => "unapplied payment",
        _ => "overpayment",
    };
}
