using System.Globalization;
using System.Text;
using ArFunctions.Application.Emails;
using DotLiquid;

namespace ArFunctions.Email.Templates;

/// <summary>
/// What a template sees, in Liquid's snake_case: <c>customer</c> (id, name), <c>contact</c> (name, role),
/// <c>invoices</c>, the ones this email lists (id, issue_date, due_date, amount, open_amount, currency,
/// days_past_due, payment_link), <c>invoice_table</c> (the listed invoices as a plain-text table with aligned
/// columns), <c>account</c> (the customer's whole account on the send date: open_invoice_count and <c>totals</c>,
/// per currency: currency, open_amount, overdue_amount, listed_amount), <c>credits</c> (id, label, currency, amount: the account's credits with something unapplied, empty without any), <c>sender</c> (company_name, sender_name,
/// reply_to, remit_to, payment_instructions) and <c>as_of</c>, the send date. Dates and amounts are written in the
/// customer's locale (<see cref="CustomerFormat"/>); <c>payment_link</c>, <c>reply_to</c>, <c>remit_to</c> and
/// <c>payment_instructions</c> may be empty.
/// </summary>
internal static class TemplateModel
{
    /// <summary>The model's top-level variables; <paramref name="encode"/> is applied to every text value (HTML-encoding for the HTML part).</summary>
    public static Hash Build(EmailContent content, SenderSettings sender, ICollection<string> unknown, Func<string, string> encode)
    {
        var format = CustomerFormat.For(content.Locale);
        return Hash.FromDictionary(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["customer"] = Object("customer", unknown, encode, ("id", content.Customer.Id), ("name", content.Customer.Name)),
            ["contact"] = Object("contact", unknown, encode, ("name", content.Contact.Name), ("role", content.Contact.Role)),
            ["invoices"] = content.Invoices.Select(i => Object("invoice", unknown, encode,
                ("id", i.Id),
                ("issue_date", format.Date(i.IssueDate)),
                ("due_date", format.Date(i.DueDate)),
                ("amount", format.Money(i.Amount, i.Currency)),
                ("open_amount", format.Money(i.OpenAmount, i.Currency)),
                ("currency", i.Currency),
                ("days_past_due", i.DaysPastDue),
                ("payment_link", i.PaymentLink))).ToList(),
            ["invoice_table"] = encode(InvoiceTable(content.Invoices, format)),
            ["account"] = Object("account", unknown, encode,
                ("open_invoice_count", content.Account.OpenInvoiceCount),
                ("totals", content.Account.Totals.Select(t => Object("total", unknown, encode,
                    ("currency", t.Currency),
                    ("open_amount", format.Money(t.OpenAmount, t.Currency)),
                    ("overdue_amount", format.Money(t.OverdueAmount, t.Currency)),
                    ("listed_amount", format.Money(t.ListedAmount, t.Currency)))).ToList())),
            ["credits"] = content.Credits.Select(c => Object("credit", unknown, encode,
                ("id", c.Id), ("label", c.Label), ("currency", c.Currency), ("amount", format.Money(c.Amount, c.Currency)))).ToList(),
            ["sender"] = Object("sender", unknown, encode,
                ("company_name", sender.CompanyName),
                ("sender_name", sender.SenderName),
                ("reply_to", sender.ReplyTo),
                ("remit_to", sender.RemitTo),
                ("payment_instructions", sender.PaymentInstructions)),
            ["as_of"] = format.Date(content.AsOf),
            ["portal_url"] = encode(content.PortalUrl ?? ""),
        });
    }

    /// <summary>A model with every member set (payment links, several currencies, due and overdue invoices), to validate templates against.</summary>
    public static EmailContent Sample { get; } = new(
        new EmailCustomer("C-0001", "Sample Customer Ltd"),
        new EmailContact("Sam Sample", "ap-clerk"),
        [
            new EmailInvoice("INV-1001", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 1200m, 800m, "USD", 30, "https://pay.example.com/INV-1001"),
            new EmailInvoice("INV-1002", new DateOnly(2026, 10, 20), new DateOnly(2026, 11, 10), 500m, 500m, "EUR", -10, null),
        ],
        new EmailAccount([new EmailAccountTotal("EUR", 500m, 0m, 500m), new EmailAccountTotal("USD", 2300m, 1800m, 800m)], 4),
        new DateOnly(2026, 10, 31),
        "en-US")
    {
        Credits = [new EmailCredit("CM-77", "credit memo CM-77", "USD", 150m)],
        PortalUrl = "https://app.example.com/api/portal/sample-token",
    };

    /// <summary>
    /// Invoice, due date, open amount and status in fixed-width columns (each as wide as its longest cell, amounts
    /// right-aligned), then each payment link on a line of its own under its invoice.
    /// </summary>
    internal static string InvoiceTable(IReadOnlyList<EmailInvoice> invoices, CustomerFormat format)
    {
        string[] header = ["Invoice", "Due date", "Open amount", ""];
        var rows = invoices.Select(i => new[]
        {
            i.Id,
            format.Date(i.DueDate),
            format.Money(i.OpenAmount, i.Currency),
            i.DaysPastDue > 0 ? string.Create(CultureInfo.InvariantCulture, $"{i.DaysPastDue} days past due") : "",
        }).ToArray();
        var widths = Enumerable.Range(0, header.Length).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendRow(text, header, widths);
        for (var r = 0; r < rows.Length; r++)
        {
            AppendRow(text, rows[r], widths);
            if (invoices[r].PaymentLink is { Length: > 0 } link)
            {
                text.Append("  Pay online: ").Append(link).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells[0].PadRight(widths[0]), cells[1].PadRight(widths[1]), cells[2].PadLeft(widths[2]), cells[3]);
        text.Append(line.TrimEnd()).Append('\n');
    }

    private static StrictDrop Object(string path, ICollection<string> unknown, Func<string, string> encode, params (string Name, object? Value)[] members) =>
        new(path, members.ToDictionary(m => m.Name, m => m.Value is string text ? encode(text) : m.Value, StringComparer.Ordinal), unknown);
}

/// <summary>The sender settings a template sees; <see cref="ReplyTo"/> is where replies go (the AR mailbox by default).</summary>
public sealed record SenderSettings(string CompanyName, string SenderName, string ReplyTo, string RemitTo = "", string PaymentInstructions = "")
{
    public static SenderSettings From(EmailOptions options) => new(
        options.EffectiveCompanyName,
        options.SenderName,
        options.EffectiveReplyTo,
        Lines(options.RemitTo),
        options.PaymentInstructions?.Trim() ?? "");

    // App settings hold one line: "|" separates the lines of an address there.
    private static string Lines(string? text) =>
        string.Join("\n", (text ?? "").Split(['|', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
