using System.Globalization;
using ArFunctions.Cli.Import;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Samples;
using CsvHelper;

namespace ArFunctions.Cli.SampleFiles;

/// <summary>Writes a generated portfolio as the three import files (<see cref="CsvColumns"/>), one row per contact in customers.csv.</summary>
internal static class SampleCsvWriter
{
    public const string CustomersFile = "customers.csv";
    public const string InvoicesFile = "invoices.csv";
    public const string PaymentsFile = "payments.csv";

    public static void Write(Portfolio portfolio, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteFile(Path.Combine(folder, CustomersFile), CsvColumns.Customer, portfolio.Customers.SelectMany(CustomerRows));
        WriteFile(Path.Combine(folder, InvoicesFile), [.. CsvColumns.Invoice.Except(CsvColumns.Credit)], portfolio.Invoices.Select(InvoiceRow));
        WriteFile(Path.Combine(folder, PaymentsFile), [.. CsvColumns.Payment.Except(CsvColumns.Credit)], portfolio.Payments.Select(PaymentRow));
    }

    private static IEnumerable<string?[]> CustomerRows(Customer c)
    {
        string?[] customer =
        [
            c.Id.Value, c.Name, c.Country, c.Industry, c.Type, Number(c.CreditScore), Kebab(c.RiskClass), Kebab(c.PaymentMethod), Kebab(c.InvoicingMode),
            Number(c.CreditTermsDays), Date(c.CustomerSince), Number(c.MarginPct), c.AssignedCollector, c.Excluded ? "true" : "false",
        ];
        if (c.Contacts.Count == 0)
        {
            yield return [.. customer, .. new string?[CsvColumns.Contact.Length]];
            yield break;
        }

        for (var i = 0; i < c.Contacts.Count; i++)
        {
            var contact = c.Contacts[i];
            string?[] contactFields = [contact.Name, Kebab(contact.Role), contact.Email, contact.Phone, Kebab(contact.PreferredChannel), contact.PreferredTime];
            yield return i == 0 ? [.. customer, .. contactFields] : [c.Id.Value, .. new string?[customer.Length - 1], .. contactFields];
        }
    }

    private static string?[] InvoiceRow(Invoice i) =>
    [
        i.Id.Value, i.CustomerId.Value, Date(i.IssueDate), Date(i.DueDate), Number(i.Amount), Number(i.OpenAmount), i.Currency.Value, Kebab(i.Status), Date(i.PaidOn),
        i.Dispute?.Category, Date(i.Dispute?.Opened), Date(i.Dispute?.Resolved), Date(i.Promise?.Date), Number(i.Promise?.Amount), Date(i.Promise?.MadeOn), i.PaymentLink,
    ];

    private static string?[] PaymentRow(Payment p) =>
        [p.Id, p.InvoiceId.Value, p.CustomerId.Value, Number(p.Amount), p.Currency.Value, Date(p.Date), Kebab(p.Method)];

    private static void WriteFile(string path, string[] header, IEnumerable<string?[]> rows)
    {
        using var writer = new StreamWriter(path) { NewLine = "\n" };
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var column in header)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var field in row)
            {
                csv.WriteField(field ?? "");
            }

            csv.NextRecord();
        }
    }

    private static string Kebab<T>(T value)
        where T : struct, Enum => KebabName<T>.Format(value);

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
