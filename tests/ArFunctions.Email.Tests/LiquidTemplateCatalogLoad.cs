using ArFunctions.Application.Emails;
using ArFunctions.Domain.Policies;
using ArFunctions.Email.Templates;

namespace ArFunctions.Email.Tests;

public sealed class LiquidTemplateCatalogLoad
{
    private static readonly SenderSettings Sender = new("Acme Supplies", "Accounts Receivable", "ar@acme.example");

    [Fact]
    public void ShipsEveryTemplateOfSamplePolicy()
    {
        var catalog = LiquidTemplateCatalog.LoadEmbedded(Sender);

        var result = PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json")), new PolicyLoadOptions { KnownTemplates = catalog.TemplateIds });

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["final", "firm", "overdue", "statement", "upcoming"], catalog.TemplateIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RejectsPolicyGivenTemplateNotShipped()
    {
        var catalog = LiquidTemplateCatalog.LoadEmbedded(Sender);
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json")).Replace("\"template\": \"firm\"", "\"template\": \"frim\"", StringComparison.Ordinal);

        var result = PolicyLoader.Load(json, new PolicyLoadOptions { KnownTemplates = catalog.TemplateIds });

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.ToString().Contains("frim", StringComparison.Ordinal));
    }

    [Fact]
    public void FailsListingEveryProblemGivenUnknownVariablesAndSyntaxError()
    {
        var files = Valid("a");
        files["a.html.liquid"] = "<p>{{ customer.nmae }} {{ custmer.name }}</p>";
        files["a.txt.liquid"] = "{% for invoice in invoices %}{{ invoice.due }}{% endfor %}";
        files["a.subject.liquid"] = "{{ customer.name ";

        var error = Assert.Throws<TemplateValidationException>(() => LiquidTemplateCatalog.Load(files, Sender));

        Assert.Contains(error.Errors, e => e.StartsWith("a.html.liquid: unknown variable 'customer.nmae'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("a.html.liquid: unknown variable 'custmer'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("a.txt.liquid: unknown variable 'invoice.due'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("a.subject.liquid: syntax error", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadsGivenKnownVariablesAndFilters()
    {
        var catalog = LiquidTemplateCatalog.Load(Valid("a"), Sender);

        Assert.Equal("ACME SUPPLIES EUR 500.00$2,300.00", catalog.Render("a", Templates.TemplateModel.Sample)!.PlainText);
    }

    [Fact]
    public void FailsGivenUnknownFilterOrMissingPart()
    {
        var files = Valid("a");
        files["a.txt.liquid"] = "{{ customer.name | shout }}";
        files.Remove("a.subject.liquid");

        var error = Assert.Throws<TemplateValidationException>(() => LiquidTemplateCatalog.Load(files, Sender));

        Assert.Contains(error.Errors, e => e.StartsWith("a.txt.liquid: unknown filter 'shout'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("a.subject.liquid: missing", StringComparison.Ordinal));
    }

    [Fact]
    public void RendersEncodedHtmlAndPlainTextGivenShippedTemplate()
    {
        var catalog = LiquidTemplateCatalog.LoadEmbedded(Sender);
        var content = new EmailContent(
            new EmailCustomer("C-9", "Smith & <Sons>"),
            new EmailContact("Ann", "ap-clerk"),
            [new EmailInvoice("INV-7", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), 1234.5m, 1234.5m, "USD", 12, null)],
            new EmailAccount([new EmailAccountTotal("USD", 1234.5m, 1234.5m, 1234.5m)], 1),
            new DateOnly(2026, 10, 13),
            "en-US");

        var email = catalog.Render("overdue", content)!;

        Assert.Equal("Acme Supplies: overdue invoices for Smith & <Sons>", email.Subject);
        Assert.Contains("Smith &amp; &lt;Sons&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("INV-7    Oct 1, 2026    $1,234.50  12 days past due", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("Smith & <Sons>", email.PlainText, StringComparison.Ordinal);
        Assert.Null(catalog.Render("nope", content));
    }

    [Theory]
    [InlineData("upcoming")]
    [InlineData("overdue")]
    [InlineData("firm")]
    [InlineData("final")]
    [InlineData("statement")]
    public void ShowsTheAccountsCreditsUnderTheTotalsGivenCredits(string template)
    {
        var catalog = LiquidTemplateCatalog.LoadEmbedded(Sender);
        var content = TemplateModel.Sample with
        {
            Credits = [new EmailCredit("CM-77", "credit memo CM-77", "USD", 150m), new EmailCredit("OP-1", "overpayment", "EUR", 20m)],
        };

        var email = catalog.Render(template, content)!;
        var without = catalog.Render(template, content with { Credits = [] })!;

        Assert.Contains("\nCredits on your account: $150.00 (credit memo CM-77), EUR 20.00 (overpayment)\n", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("<p>Credits on your account: <strong>$150.00</strong> (credit memo CM-77), <strong>EUR 20.00</strong> (overpayment)</p>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Credits", without.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("Credits", without.Html, StringComparison.Ordinal);
        Assert.Equal(email.PlainText.Split('\n').Length - 1, without.PlainText.Split('\n').Length);
    }

    private static Dictionary<string, string> Valid(string id) => new(StringComparer.Ordinal)
    {
        [$"{id}.subject.liquid"] = "Hello {{ customer.name }}",
        [$"{id}.html.liquid"] = "<p>{{ contact.name }}</p>",
        [$"{id}.txt.liquid"] = "{{ sender.company_name | upcase }} {% for total in account.totals %}{{ total.open_amount }}{% endfor %}",
    };
}
