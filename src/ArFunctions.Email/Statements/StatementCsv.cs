using System.Globalization;
using System.Text;
using ArFunctions.Application.Statements;
using CsvHelper;

namespace ArFunctions.Email.Statements;

/// <summary>
/// A statement as one CSV file (RFC 4180, UTF-8 without a byte order mark, CRLF line ends, invariant numbers with a
/// dot, ISO dates). A header row, then one row per line of the statement; <c>section</c> says what a row is and
/// which columns it fills (docs/statements.md lists them): <c>open-item</c>, <c>credit</c>, <c>payment</c>, and
/// <c>aging</c> (one row per currency and bucket: current, 1-30, 31-60, 61-90, 90-plus, credits, balance-due).
/// </summary>
internal static class StatementCsv
{
    public static readonly string[] Header =
        ["section", "id", "date", "dueDate", "currency", "amount", "openAmount", "creditApplied", "daysPastDue", "status", "invoiceId"];

    public static byte[] Write(Statement statement)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\r\n" })
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            Row(csv, Header);
            foreach (var item in statement.OpenItems)
            {
                var i = item.Invoice;
                Row(csv, "open-item", i.Id, Iso(i.IssueDate), Iso(i.DueDate), i.Currency, Number(i.Amount), Number(i.OpenAmount), Number(i.CreditApplied),
                    i.DaysPastDue.ToString(CultureInfo.InvariantCulture), item.State, i.Id);
            }

            foreach (var c in statement.Credits)
            {
                Row(csv, "credit", c.Id, Iso(c.On), "", c.Currency, Number(c.Amount), Number(c.Left), Number(c.Amount - c.Left), "", c.Kind, c.AppliesTo ?? "");
            }

            foreach (var p in statement.Payments)
            {
                Row(csv, "payment", p.Id, Iso(p.Date), "", p.Currency, Number(p.Amount), "", "", "", p.Method, p.InvoiceId);
            }

            foreach (var total in statement.Totals)
            {
                foreach (var (bucket, amount) in StatementBuckets.Of(total))
                {
                    Row(csv, "aging", bucket, Iso(statement.AsOf), "", total.Currency, Number(amount), "", "", "", "", "");
                }
            }
        }

        return buffer.ToArray();
    }

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(decimal amount) => amount.ToString("0.00##", CultureInfo.InvariantCulture);
}

/// <summary>The aging lines of one currency's totals, in the order a statement shows them, with their wire names.</summary>
internal static class StatementBuckets
{
    public static (string Bucket, decimal Amount)[] Of(StatementTotal total) =>
    [
        ("current", total.Aging.Current),
        ("1-30", total.Aging.Days1To30),
        ("31-60", total.Aging.Days31To60),
        ("61-90", total.Aging.Days61To90),
        ("90-plus", total.Aging.Days90Plus),
        ("credits", total.Aging.Credits),
        ("balance-due", total.BalanceDue),
    ];
}
