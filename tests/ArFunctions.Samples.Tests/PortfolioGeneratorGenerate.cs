using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Samples.Tests;

public class PortfolioGeneratorGenerate
{
    private static readonly PortfolioOptions Options = new() { Customers = 2000, OpenInvoicesPerCustomer = 5, PaidInvoicesPerCustomer = 6, Seed = 7 };

    [Fact]
    public void YieldsTheSamePortfolioGivenTheSameSeed()
    {
        var first = PortfolioGenerator.Generate(Options);
        var second = PortfolioGenerator.Generate(Options);

        Assert.Equal(first.Customers, second.Customers, (a, b) => a.Id == b.Id && a.Name == b.Name && a.PaymentMethod == b.PaymentMethod);
        Assert.Equal(first.Invoices, second.Invoices);
        Assert.Equal(first.Payments, second.Payments);
    }

    [Fact]
    public void YieldsADifferentPortfolioGivenAnotherSeed()
    {
        var first = PortfolioGenerator.Generate(Options);
        var other = PortfolioGenerator.Generate(Options with { Seed = 8 });

        Assert.NotEqual(first.Invoices.Select(i => i.Amount), other.Invoices.Select(i => i.Amount));
    }

    [Fact]
    public void ConcentratesMostOfTheBalanceInAFifthOfTheCustomers()
    {
        var portfolio = PortfolioGenerator.Generate(Options);
        var balances = Enumerable.Range(0, portfolio.Customers.Length)
            .Select(i => portfolio.InvoicesOf(i).ToArray().Where(v => v.IsCollectible).Sum(v => v.OpenAmount))
            .OrderDescending()
            .ToArray();

        var topFifthShare = balances.Take(balances.Length / 5).Sum() / balances.Sum();

        Assert.InRange(topFifthShare, 0.65m, 0.95m);
    }

    [Fact]
    public void AveragesTheRequestedOpenInvoicesPerCustomer()
    {
        var portfolio = PortfolioGenerator.Generate(Options);

        Assert.InRange(portfolio.OpenInvoiceCount / (double)Options.Customers, 4.7, 5.3);
    }

    [Fact]
    public void MixesPaymentMethodsAndInvoicingModes()
    {
        var portfolio = PortfolioGenerator.Generate(Options);

        Assert.Equal(Enum.GetValues<PaymentMethod>().Length, portfolio.Customers.Select(c => c.PaymentMethod).Distinct().Count());
        Assert.Equal(Enum.GetValues<InvoicingMode>().Length, portfolio.Customers.Select(c => c.InvoicingMode).Distinct().Count());
    }

    [Fact]
    public void RecordsAPaymentForEveryPaidInvoiceNoLaterThanTheDayBeforeAsOf()
    {
        var portfolio = PortfolioGenerator.Generate(Options);
        var paymentsByInvoice = portfolio.Payments.ToLookup(p => p.InvoiceId);

        foreach (var invoice in portfolio.Invoices.Where(i => i.Status == InvoiceStatus.Paid))
        {
            var payment = Assert.Single(paymentsByInvoice[invoice.Id]);
            Assert.Equal(invoice.Amount, payment.Amount);
            Assert.True(payment.Date < Options.AsOf);
            Assert.True(payment.Date > invoice.IssueDate);
        }
    }

    [Fact]
    public void KeepsEachCustomersRecordsInItsOwnRange()
    {
        var portfolio = PortfolioGenerator.Generate(Options);

        for (var i = 0; i < portfolio.Customers.Length; i++)
        {
            var id = portfolio.Customers[i].Id;
            Assert.All(portfolio.InvoicesOf(i).ToArray(), v => Assert.Equal(id, v.CustomerId));
            Assert.All(portfolio.PaymentsOf(i).ToArray(), p => Assert.Equal(id, p.CustomerId));
            Assert.All(portfolio.InteractionsOf(i).ToArray(), x => Assert.Equal(id, x.CustomerId));
        }
    }

    [Fact]
    public void PutsSomeOpenInvoicesInDisputeAndSomeUnderPromise()
    {
        var portfolio = PortfolioGenerator.Generate(Options);
        var open = portfolio.Invoices.Where(i => i.IsCollectible).ToArray();

        Assert.InRange(open.Count(i => i.Dispute is not null) / (double)open.Length, 0.01, 0.08);
        Assert.Contains(open, i => i.Promise is not null);
    }

    [Fact]
    public void GivesEveryContactReachedByPhoneANumber()
    {
        var portfolio = PortfolioGenerator.Generate(Options);
        var byPhone = portfolio.Customers.SelectMany(c => c.Contacts).Where(c => c.PreferredChannel == ContactChannel.Phone).ToArray();

        Assert.NotEmpty(byPhone);
        Assert.All(byPhone, c => Assert.False(string.IsNullOrEmpty(c.Phone)));
    }
}
