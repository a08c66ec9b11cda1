using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Emails;

/// <summary>Builds what a template sees from the re-read customer, the chosen contact and the invoices still chased.</summary>
public static class EmailContentBuilder
{
    public static EmailContent Build(Customer customer, Contact contact, IReadOnlyList<Invoice> invoices, DateOnly today)
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
            today);
    }
}
