using System.Globalization;
using ArFunctions.Application.Emails;
using DotLiquid;

namespace ArFunctions.Email.Templates;

/// <summary>
/// What a template sees, in Liquid's snake_case: <c>customer</c> (id, name), <c>contact</c> (name, role), <c>invoices</c>
/// (id, issue_date, due_date, amount, open_amount, currency, days_past_due, payment_link), <c>totals</c> (currency,
/// open_amount), <c>credits</c> (id, label, currency, amount: the account's credits, empty without any), <c>sender</c>
/// (company_name, sender_name, reply_to) and <c>as_of</c>. Dates are yyyy-MM-dd, amounts
/// "1,234.50" (invariant); <c>payment_link</c> and <c>reply_to</c> may be empty.
/// </summary>
internal static class TemplateModel
{
    /// <summary>The model's top-level variables; <paramref name="encode"/> is applied to every text value (HTML-encoding for the HTML part).</summary>
    public static Hash Build(EmailContent content, SenderSettings sender, ICollection<string> unknown, Func<string, string> encode) => Hash.FromDictionary(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["customer"] = Object("customer", unknown, encode, ("id", content.Customer.Id), ("name", content.Customer.Name)),
        ["contact"] = Object("contact", unknown, encode, ("name", content.Contact.Name), ("role", content.Contact.Role)),
        ["invoices"] = content.Invoices.Select(i => Object("invoice", unknown, encode,
            ("id", i.Id),
            ("issue_date", Date(i.IssueDate)),
            ("due_date", Date(i.DueDate)),
            ("amount", Amount(i.Amount)),
            ("open_amount", Amount(i.OpenAmount)),
            ("currency", i.Currency),
            ("days_past_due", i.DaysPastDue),
            ("payment_link", i.PaymentLink))).ToList(),
        ["totals"] = content.Totals.Select(t => Object("total", unknown, encode, ("currency", t.Currency), ("open_amount", Amount(t.OpenAmount)))).ToList(),
        ["credits"] = content.Credits.Select(c => Object("credit", unknown, encode, ("id", c.Id), ("label", c.Label), ("currency", c.Currency), ("amount", Amount(c.Amount)))).ToList(),
        ["sender"] = Object("sender", unknown, encode, ("company_name", sender.CompanyName), ("sender_name", sender.SenderName), ("reply_to", sender.ReplyTo)),
        ["as_of"] = Date(content.AsOf),
    });

    /// <summary>A model with every member set (payment links, several currencies, due and overdue invoices), to validate templates against.</summary>
    public static EmailContent Sample { get; } = new(
        new EmailCustomer("C-0001", "Sample Customer Ltd"),
        new EmailContact("Sam Sample", "ap-clerk"),
        [
            new EmailInvoice("INV-1001", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 1200m, 800m, "USD", 30, "https://pay.example.com/INV-1001"),
            new EmailInvoice("INV-1002", new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 10), 500m, 500m, "EUR", -10, null),
        ],
        [new EmailTotal("EUR", 500m), new EmailTotal("USD", 800m)],
        new DateOnly(2026, 10, 31))
    {
        Credits = [new EmailCredit("CM-77", "credit memo CM-77", "USD", 150m)],
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static StrictDrop Object(string path, ICollection<string> unknown, Func<string, string> encode, params (string Name, object? Value)[] members) =>
        new(path, members.ToDictionary(m => m.Name, m => m.Value is string text ? encode(text) : m.Value, StringComparer.Ordinal), unknown);
}

/// <summary>The sender settings a template sees.</summary>
public sealed record SenderSettings(string CompanyName, string SenderName, string ReplyTo)
{
    public static SenderSettings From(EmailOptions options) => new(options.EffectiveCompanyName, options.SenderName, options.ReplyTo ?? "");
}
