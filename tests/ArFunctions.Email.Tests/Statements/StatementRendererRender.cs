using System.Globalization;
using ArFunctions.Application.Customers;
using ArFunctions.Application.Statements;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Email.Statements;
using CsvHelper;
using UglyToad.PdfPig;

namespace ArFunctions.Email.Tests.Statements;

public class StatementRendererRender
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly CustomerId Id = new("C1");

    private static readonly CollectionPolicy Policy =
        PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"))).Policy!;

    private static Invoice Invoice(string id, int dueDaysAgo, decimal open) => new()
    {
        Id = new InvoiceId(id), CustomerId = Id, IssueDate = Today.AddDays(-dueDaysAgo - 30), DueDate = Today.AddDays(-dueDaysAgo),
        Amount = 1234.5m, OpenAmount = open, Currency = new CurrencyCode("USD"),
    };

    /// <summary>Two open invoices (one 40 days late), a 100 USD memo, one payment; in <paramref name="locale"/> through a policy that maps the customer's country to it.</summary>
    private static Statement Statement(string locale = "en-US")
    {
        var records = new CustomerRecordSet(
            new Customer { Id = Id, Name = "Acme Corp", Country = "US", CustomerSince = new DateOnly(2020, 1, 1), Contacts = [] },
            [Invoice("INV-1001", 40, 1234.5m), Invoice("INV-1002", -10, 500m)],
            [new Payment("PAY-7", new InvoiceId("INV-0999"), Id, 300m, new CurrencyCode("USD"), Today.AddDays(-5), PaymentMethod.Wire)],
            [],
            null,
            [],
            [],
            BalanceRank: 0)
        {
            Credits = [new Credit("CM-5", Id, CreditKind.CreditMemo, 100m, new CurrencyCode("USD"), Today.AddDays(-1))],
        };
        var statement = CustomerStatement.Of(records, Policy, Today);
        return statement with { Locale = locale };
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public void WritesThePdfWithEveryOpenInvoiceAsTextGivenAStatement()
    {
        var document = new StatementRenderer().Render(Statement(), StatementFormat.Pdf);

        Assert.Equal("application/pdf", document.ContentType);
        Assert.Equal("statement-C1-2026-11-23.pdf", document.FileName);
        var text = PdfText(document.Content);
        Assert.Contains("INV-1001", text, StringComparison.Ordinal);
        Assert.Contains("INV-1002", text, StringComparison.Ordinal);
        Assert.Contains("PAY-7", text, StringComparison.Ordinal);
        Assert.Contains("Acme Corp", text, StringComparison.Ordinal);
        Assert.Contains("$1,234.50", text, StringComparison.Ordinal);
        Assert.Contains("overdue", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesDatesAndAmountsInTheCustomersLocaleGivenGerman()
    {
        var text = PdfText(new StatementRenderer().Render(Statement("de-DE"), StatementFormat.Pdf).Content);

        Assert.Contains("1.234,50", text, StringComparison.Ordinal);
        Assert.Contains("23.11.2026", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ContinuesOnAnotherPageGivenMoreItemsThanOnePageHolds()
    {
        var statement = Statement();
        var many = Enumerable.Range(0, 80).Select(n => statement.OpenItems[0] with { Invoice = statement.OpenItems[0].Invoice with { Id = $"INV-{n:D4}" } }).ToArray();

        var pdf = new StatementRenderer().Render(statement with { OpenItems = many }, StatementFormat.Pdf).Content;

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.NumberOfPages > 1);
        Assert.Contains("INV-0079", PdfText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void WritesCsvThatParsesBackIntoItsSectionsGivenAStatement()
    {
        var document = new StatementRenderer().Render(Statement("de-DE"), StatementFormat.Csv);

        using var reader = new CsvReader(new StreamReader(new MemoryStream(document.Content)), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().Select(r => r.ToDictionary(f => f.Key, f => (string)f.Value)).ToArray();

        Assert.Equal("statement-C1-2026-11-23.csv", document.FileName);
        var items = rows.Where(r => r["section"] == "open-item").ToArray();
        Assert.Equal(["INV-1001", "INV-1002"], items.Select(r => r["id"]));
        Assert.Equal(("2026-10-14", "1234.50", "100.00", "40", "overdue"), (items[0]["dueDate"], items[0]["openAmount"], items[0]["creditApplied"], items[0]["daysPastDue"], items[0]["status"]));
        Assert.Equal("PAY-7", rows.Single(r => r["section"] == "payment")["id"]);
        Assert.DoesNotContain(rows, r => r["section"] == "credit");
        var aging = rows.Where(r => r["section"] == "aging").ToDictionary(r => r["id"], r => r["amount"]);
        Assert.Equal(("500.00", "1134.50", "1634.50"), (aging["current"], aging["31-60"], aging["balance-due"]));
    }
}
