using System.Globalization;
using ArFunctions.Application.Emails;
using Fluid.Values;

namespace ArFunctions.Email.Templates;

/// <summary>
/// What a template sees, in Liquid's snake_case: <c>customer</c> (id, name), <c>contact</c> (name, role), <c>invoices</c>
/// (id, issue_date, due_date, amount, open_amount, currency, days_past_due, payment_link), <c>totals</c> (currency,
/// open_amount), <c>sender</c> (company_name, sender_name, reply_to) and <c>as_of</c>. Dates are yyyy-MM-dd, amounts
/// "1,234.50" (invariant); <c>payment_link</c> and <c>reply_to</c> may be empty.
/// </summary>
internal static class TemplateModel
{
    public static Dictionary<string, FluidValue> Build(EmailContent content, SenderSettings sender, ICollection<string> unknown) => new(StringComparer.Ordinal)
    {
        ["customer"] = Object("customer", unknown, ("id", content.Customer.Id), ("name", content.Customer.Name)),
        ["contact"] = Object("contact", unknown, ("name", content.Contact.Name), ("role", content.Contact.Role)),
        ["invoices"] = new ArrayValue(content.Invoices.Select(i => Object("invoice", unknown,
            ("id", i.Id),
            ("issue_date", Date(i.IssueDate)),
            ("due_date", Date(i.DueDate)),
            ("amount", Amount(i.Amount)),
            ("open_amount", Amount(i.OpenAmount)),
            ("currency", i.Currency),
            ("days_past_due", i.DaysPastDue),
            ("payment_link", i.PaymentLink))).ToArray<FluidValue>()),
        ["totals"] = new ArrayValue(content.Totals.Select(t => (FluidValue)Object("total", unknown, ("currency", t.Currency), ("open_amount", Amount(t.OpenAmount)))).ToArray()),
        ["sender"] = Object("sender", unknown, ("company_name", sender.CompanyName), ("sender_name", sender.SenderName), ("reply_to", sender.ReplyTo)),
        ["as_of"] = StringValue.Create(Date(content.AsOf)),
    };

    /// <summary>A model with every member set (payment links, several currencies, due and overdue invoices), to validate templates against.</summary>
    public static EmailContent Sample { get; } = new(
        new EmailCustomer("C-0001", "Sample Customer Ltd"),
        new EmailContact("Sam Sample", "ap-clerk"),
        [
            new EmailInvoice("INV-1001", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 1200m, 800m, "USD", 30, "https://pay.example.com/INV-1001"),
            new EmailInvoice("INV-1002", new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 10), 500m, 500m, "EUR", -10, null),
        ],
        [new EmailTotal("EUR", 500m), new EmailTotal("USD", 800m)],
        new DateOnly(2026, 10, 31));

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static StrictObjectValue Object(string path, ICollection<string> unknown, params (string Name, object? Value)[] members) =>
        new(path, members.ToDictionary<(string Name, object? Value), string, FluidValue>(m => m.Name, m => m.Value switch
        {
            null => NilValue.Instance,
            string s => StringValue.Create(s),
            int n => NumberValue.Create(n),
            _ => throw new ArgumentException($"Unsupported template value {m.Value.GetType().Name}."),
        }, StringComparer.Ordinal), unknown);
}

/// <summary>The sender settings a template sees.</summary>
public sealed record SenderSettings(string CompanyName, string SenderName, string ReplyTo)
{
    public static SenderSettings From(EmailOptions options) => new(options.EffectiveCompanyName, options.SenderName, options.ReplyTo ?? "");
}
