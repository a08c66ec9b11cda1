using ArFunctions.Application.Customers;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Statements;
using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tests.Statements;

public class CustomerStatementGet
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly CustomerId Id = new("C1");
    private static readonly CurrencyCode Usd = new("USD");
    private static readonly CurrencyCode Eur = new("EUR");

    private static Invoice Invoice(string id, int dueDaysAgo, decimal open, CurrencyCode? currency = null) => new()
    {
        Id = new InvoiceId(id), CustomerId = Id, IssueDate = Today.AddDays(-dueDaysAgo - 30), DueDate = Today.AddDays(-dueDaysAgo),
        Amount = 100m, OpenAmount = open, Currency = currency ?? Usd, Status = open > 0m ? InvoiceStatus.Open : InvoiceStatus.Paid,
        PaidOn = open > 0m ? null : Today.AddDays(-dueDaysAgo),
    };

    private static Payment Payment(string id, string invoice, int daysAgo, decimal amount) =>
        new(id, new InvoiceId(invoice), Id, amount, Usd, Today.AddDays(-daysAgo), PaymentMethod.Wire);

    private static CustomerRecordSet Records() => new(
        new Customer { Id = Id, Name = "Acme", Country = "DE", CustomerSince = new DateOnly(2020, 1, 1), Contacts = [new Contact("Pat", ContactRole.ApClerk, "pat@example.com", null)] },
        [
            Invoice("I-current", -5, 100m),
            Invoice("I-late", 10, 60m),
            Invoice("I-old", 95, 100m) with { Dispute = new Dispute("pricing", Today.AddDays(-3)) },
            Invoice("I-promised", 40, 100m) with { Promise = new PaymentPromise(Today.AddDays(5), 100m, Today.AddDays(-1)) },
            Invoice("I-eur", 45, 80m, Eur),
            Invoice("I-paid", 200, 0m),
            Invoice("I-future", -40, 100m) with { IssueDate = Today.AddDays(1) },
        ],
        [Payment("P-recent", "I-late", 10, 40m), Payment("P-edge", "I-paid", 89, 50m), Payment("P-old", "I-paid", 90, 50m), Payment("P-future", "I-late", -1, 5m)],
        [],
        null,
        [],
        [],
        BalanceRank: 0)
    {
        Credits = [new Credit("CM-1", Id, CreditKind.CreditMemo, 30m, Usd, Today.AddDays(-2)), new Credit("CM-EUR", Id, CreditKind.UnappliedCash, 100m, Eur, Today.AddDays(-1))],
    };

    private static CustomerStatement Statements() =>
        new(new InMemoryCustomerRecords(Records()), new FixedPolicySource(SamplePolicy.Policy), FixedTime.Business(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero)), new NamingRenderer());

    /// <summary>Renders nothing but the format's name, so a test sees which format was asked for.</summary>
    private sealed class NamingRenderer : IStatementRenderer
    {
        public StatementDocument Render(Statement statement, StatementFormat format) =>
            new(statement, format.ToString(), "text/plain", System.Text.Encoding.UTF8.GetBytes(format.ToString()));
    }

    private static async Task<Statement> TodaysAsync() => (await Statements().GetAsync("C1", null, CancellationToken.None)).Value!;

    [Fact]
    public async Task ListsOpenItemsOldestDueFirstGivenOpenPaidAndNotYetIssuedInvoices()
    {
        var statement = await TodaysAsync();

        Assert.Equal(Today, statement.AsOf);
        Assert.Equal(["I-old", "I-eur", "I-promised", "I-late", "I-current"], statement.OpenItems.Select(i => i.Invoice.Id));
    }

    [Fact]
    public async Task GivesEachItemItsStateGivenDisputePromiseAndDueDates()
    {
        var states = (await TodaysAsync()).OpenItems.ToDictionary(i => i.Invoice.Id, i => i.State);

        Assert.Equal(StatementItem.Disputed, states["I-old"]);
        Assert.Equal(StatementItem.UnderPromise, states["I-promised"]);
        Assert.Equal(StatementItem.Overdue, states["I-late"]);
        Assert.Equal(StatementItem.Due, states["I-current"]);
        Assert.Equal(95, (await TodaysAsync()).OpenItems.Single(i => i.Invoice.Id == "I-old").Invoice.DaysPastDue);
    }

    [Fact]
    public async Task AppliesCreditsOldestDueUndisputedFirstAndListsWhatIsLeftGivenAMemoAndUnappliedCash()
    {
        var statement = await TodaysAsync();

        // The USD memo skips the disputed invoice and goes to the oldest undisputed one; the EUR cash covers its invoice and 20 is left.
        Assert.Equal(30m, statement.OpenItems.Single(i => i.Invoice.Id == "I-promised").Invoice.CreditApplied);
        Assert.Equal(0m, statement.OpenItems.Single(i => i.Invoice.Id == "I-old").Invoice.CreditApplied);
        var left = Assert.Single(statement.Credits);
        Assert.Equal(("CM-EUR", 20m), (left.Id, left.Left));
    }

    [Fact]
    public async Task ListsPaymentsOfTheLast90DaysNewestFirstGivenOlderAndLaterPayments()
    {
        var statement = await TodaysAsync();

        Assert.Equal(["P-recent", "P-edge"], statement.Payments.Select(p => p.Id));
        Assert.Equal(Today.AddDays(-89), statement.PaymentsSince);
    }

    [Fact]
    public async Task AgesWhatIsStillToPayPerCurrencyGivenCreditsAndSeveralCurrencies()
    {
        var totals = (await TodaysAsync()).Totals.ToDictionary(t => t.Currency);

        Assert.Equal(["EUR", "USD"], totals.Keys.Order(StringComparer.Ordinal));
        var usd = totals["USD"];
        Assert.Equal(360m, usd.Open);
        Assert.Equal(30m, usd.CreditApplied);
        Assert.Equal(100m, usd.Aging.Current);
        Assert.Equal(60m, usd.Aging.Days1To30);
        Assert.Equal(70m, usd.Aging.Days31To60);
        Assert.Equal(0m, usd.Aging.Days61To90);
        Assert.Equal(100m, usd.Aging.Days90Plus);
        Assert.Equal(330m, usd.BalanceDue);
        var eur = totals["EUR"];
        Assert.Equal((0m, 20m, -20m), (eur.Aging.Total, eur.Aging.Credits, eur.BalanceDue));
    }

    [Fact]
    public async Task WritesInTheLocaleOfTheCustomersCountryGivenThePolicy()
    {
        var statement = await TodaysAsync();

        Assert.Equal(SamplePolicy.Policy.Locale.For("DE"), statement.Locale);
    }

    [Fact]
    public async Task IsInvalidGivenAnAsOfDateTooFarAhead()
    {
        var result = await Statements().GetAsync("C1", Today.AddYears(1), CancellationToken.None);

        Assert.Equal(QueryStatus.Invalid, result.Status);
        Assert.Equal("asOf", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task IsNotFoundGivenAnUnknownCustomer()
    {
        var result = await Statements().GetAsync("C9", null, CancellationToken.None);

        Assert.Equal(QueryStatus.NotFound, result.Status);
    }

    [Theory]
    [InlineData(null, "Pdf")]
    [InlineData("csv", "Csv")]
    [InlineData("pdf", "Pdf")]
    public async Task RendersTheFormatAskedForGivenAKnownFormat(string? format, string rendered)
    {
        var result = await Statements().RenderAsync("C1", null, format, CancellationToken.None);

        Assert.Equal(rendered, result.Value!.FileName);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("0")]
    public async Task IsInvalidNamingTheFormatGivenAnUnknownFormat(string format)
    {
        var result = await Statements().RenderAsync("C1", null, format, CancellationToken.None);

        Assert.Equal(QueryStatus.Invalid, result.Status);
        Assert.Equal("format", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task IsNotFoundWhenRenderingGivenAnUnknownCustomer()
    {
        var result = await Statements().RenderAsync("C9", null, "csv", CancellationToken.None);

        Assert.Equal(QueryStatus.NotFound, result.Status);
    }
}
