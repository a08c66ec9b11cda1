using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Emails;

/// <summary>
/// Builds what a template sees from the re-read customer, the chosen contact, the invoices still chased (listed) and
/// all the customer's invoices and credits (the account), as of <c>today</c>, the send date; credits shown are those
/// dated by then with something unapplied, oldest first.
/// </summary>
public static class EmailContentBuilder
{
    public static EmailContent Build(Customer customer, Contact contact, IReadOnlyList<Invoice> listed, IReadOnlyList<Invoice> account, DateOnly today, string locale, IReadOnlyList<Credit>? credits = null)
    {
        var lines = listed
            .OrderBy(i => i.DueDate)
            .ThenBy(i => i.Id.Value, StringComparer.Ordinal)
            .Select(i => new EmailInvoice(i.Id.Value, i.IssueDate, i.DueDate, i.Amount, i.OpenAmount, i.Currency.Value, i.DaysPastDue(today), i.PaymentLink))
            .ToArray();
        return new EmailContent(
            new EmailCustomer(customer.Id.Value, customer.Name),
            new EmailContact(contact.Name, KebabName<ContactRole>.Format(contact.Role)),
            lines,
            Account(listed, account, today),
            today,
            locale)
        {
            Credits = (credits ?? [])
                .Where(c => c.Amount > 0m && c.On <= today)
                .OrderBy(c => c.On)
                .ThenBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new EmailCredit(c.Id, Label(c), c.Currency.Value, c.Amount))
                .ToArray(),
        };
    }

    /// <summary>Per currency over the collectible invoices: open, overdue (past due on <paramref name="today"/>) and listed.</summary>
    private static EmailAccount Account(IReadOnlyList<Invoice> listed, IReadOnlyList<Invoice> account, DateOnly today)
    {
        // The listed invoices are the account's too; a listed one not in the account read still counts (read twice, a race).
        var open = account.Where(i => i.IsCollectible).UnionBy(listed.Where(i => i.IsCollectible), i => i.Id).ToArray();
        var listedIds = listed.Select(i => i.Id).ToHashSet();
        var totals = open
            .GroupBy(i => i.Currency.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EmailAccountTotal(
                g.Key,
                g.Sum(i => i.OpenAmount),
                g.Where(i => i.DaysPastDue(today) > 0).Sum(i => i.OpenAmount),
                g.Where(i => listedIds.Contains(i.Id)).Sum(i => i.OpenAmount)))
            .ToArray();
        return new EmailAccount(totals, open.Length);
    }

    /// <summary>What the customer calls it: their credit memo by its number; cash by what it was, since its id is ours.</summary>
    private static string Label(Credit credit) => credit.Kind switch
    {
        CreditKind.CreditMemo => "credit memo " + credit.Id,
        CreditKind.UnappliedCash => "unapplied payment",
        _ => "overpayment",
    };
}
