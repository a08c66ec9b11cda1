using System.Text.RegularExpressions;
using ArFunctions.Application.Emails;
using ArFunctions.Email.Templates;

namespace ArFunctions.Email.Tests;

/// <summary>What every shipped template tells a customer: account totals, their locale, our names, where and how to pay.</summary>
public sealed partial class LiquidTemplateCatalogRender
{
    private static readonly SenderSettings Sender = new(
        "Acme Supplies", "Accounts Receivable", "ar@acme.example", "Acme Supplies Inc.\nPO Box 100\nSpringfield, IL 62701", "ACH to account 123456789; quote the invoice number.");

    private static readonly LiquidTemplateCatalog Catalog = LiquidTemplateCatalog.LoadEmbedded(Sender);

    public static TheoryData<string> Templates => new(Catalog.TemplateIds.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Templates))]
    public void NamesOurCompanyAndTheCustomersNeverTheCustomerIdGivenAnyTemplate(string template)
    {
        var subject = Catalog.Render(template, Content("en-US"))!.Subject;

        Assert.Contains("Acme Supplies", subject, StringComparison.Ordinal);
        Assert.Contains("Globex Corporation", subject, StringComparison.Ordinal);
        Assert.DoesNotContain("C-0042", subject, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void ShowsTheAccountsOpenAndOverdueBalancesAndTheListedShareGivenAnyTemplate(string template)
    {
        var email = Catalog.Render(template, Content("en-US"))!;

        Assert.Contains("Your account (3 open invoices):", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Open balance $42,204.00, of which overdue $40,000.00; in this email $4,728.27", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("<td align=\"right\"><strong>$42,204.00</strong></td><td align=\"right\">$40,000.00</td><td align=\"right\">$4,728.27</td>", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void PrintsRemitToPaymentInstructionsAndReplyAddressGivenAnyTemplate(string template)
    {
        var email = Catalog.Render(template, Content("en-US"))!;

        Assert.Contains("How to pay: ACH to account 123456789; quote the invoice number.", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Remit to:\nAcme Supplies Inc.\nPO Box 100\nSpringfield, IL 62701", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Acme Supplies Inc.<br />\nPO Box 100<br />\nSpringfield, IL 62701", email.Html, StringComparison.Ordinal);
        Assert.Contains("write to ar@acme.example.", email.PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void WritesNoIsoDateGivenAnyTemplateAndLocale(string template)
    {
        foreach (var locale in new[] { "en-US", "de-DE", "en-GB" })
        {
            var email = Catalog.Render(template, Content(locale))!;

            Assert.DoesNotMatch(IsoDate(), email.Subject + email.Html + email.PlainText);
        }
    }

    [Fact]
    public void WritesDatesAndAmountsTheUsWayGivenEnUs()
    {
        var text = Catalog.Render("overdue", Content("en-US"))!.PlainText;

        Assert.Contains("Sep 24, 2026", text, StringComparison.Ordinal);
        Assert.Contains("$1,234.50", text, StringComparison.Ordinal);
        Assert.Contains("EUR 3,493.77", text, StringComparison.Ordinal);
        Assert.Contains("as of Oct 26, 2026", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WritesDatesAndAmountsTheGermanWayGivenDeDe()
    {
        var text = Catalog.Render("overdue", Content("de-DE"))!.PlainText;

        Assert.Contains("24.09.2026", text, StringComparison.Ordinal);
        Assert.Contains("1.234,50 USD", text, StringComparison.Ordinal);
        Assert.Contains("3.493,77 €", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SignsOnceGivenSenderNameEqualToCompanyName()
    {
        var catalog = LiquidTemplateCatalog.LoadEmbedded(Sender with { SenderName = "Acme Supplies" });

        var email = catalog.Render("overdue", Content("en-US"))!;

        Assert.Contains("Kind regards,\nAcme Supplies\n\n", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Kind regards,<br>Acme Supplies</p>", email.Html, StringComparison.Ordinal);
        Assert.Contains("Kind regards,\nAccounts Receivable\nAcme Supplies\n", Catalog.Render("overdue", Content("en-US"))!.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void AlignsThePlainTextColumnsGivenIdsAndAmountsOfEveryLength()
    {
        var text = Catalog.Render("overdue", Content("en-US"))!.PlainText;

        var table = text.Split('\n').SkipWhile(l => !l.StartsWith("Invoice", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).Where(l => !l.StartsWith("  Pay", StringComparison.Ordinal)).ToArray();
        Assert.Equal(
            [
                "Invoice                Due date       Open amount",
                "INV-7                  Sep 24, 2026     $1,234.50  32 days past due",
                "INV-2026-000000000123  Oct 2, 2026         $10.00  24 days past due",
                "9                      Nov 30, 2026  EUR 3,493.77",
            ],
            table);
        Assert.Contains("INV-2026-000000000123  Oct 2, 2026         $10.00  24 days past due\n  Pay online: https://pay.example.com/123\n", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    private static EmailContent Content(string locale) => new(
        new EmailCustomer("C-0042", "Globex Corporation"),
        new EmailContact("Hank Scorpio", "ap-clerk"),
        [
            new EmailInvoice("INV-7", new DateOnly(2026, 8, 25), new DateOnly(2026, 9, 24), 1234.5m, 1234.5m, "USD", 32, null),
            new EmailInvoice("INV-2026-000000000123", new DateOnly(2026, 9, 2), new DateOnly(2026, 10, 2), 10m, 10m, "USD", 24, "https://pay.example.com/123"),
            new EmailInvoice("9", new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 30), 3493.77m, 3493.77m, "EUR", -35, null),
        ],
        new EmailAccount([new EmailAccountTotal("EUR", 3493.77m, 0m, 3493.77m), new EmailAccountTotal("USD", 42204m, 40000m, 4728.27m)], 3),
        new DateOnly(2026, 10, 26),
        locale);
}
