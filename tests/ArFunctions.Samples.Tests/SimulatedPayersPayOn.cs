using ArFunctions.Samples.Simulation;

namespace ArFunctions.Samples.Tests;

public class SimulatedPayersPayOn
{
    private static readonly DateOnly Start = new(2026, 11, 2);
    private static readonly PortfolioOptions Options = new() { Customers = 300, Seed = 11, AsOf = Start };

    [Fact]
    public void PaysEveryInvoiceAtMostOnceAndOnlyOpenUndisputedOnes()
    {
        var portfolio = PortfolioGenerator.Generate(Options);
        var payers = new SimulatedPayers(portfolio, 5);

        var paid = Days(60).SelectMany(day => payers.PayOn(day)).SelectMany(p => p.Invoices).ToArray();

        Assert.NotEmpty(paid);
        Assert.Equal(paid.Length, paid.Select(i => i.Id).Distinct().Count());
        Assert.All(paid, i => Assert.True(i.IsCollectible && i.Dispute is null, i.Id.Value));
    }

    [Fact]
    public void YieldsTheSamePaymentsGivenTheSameSeed()
    {
        var portfolio = PortfolioGenerator.Generate(Options);

        Assert.Equal(Paid(new SimulatedPayers(portfolio, 5)), Paid(new SimulatedPayers(portfolio, 5)));
    }

    [Fact]
    public void PaysSoonerGivenAReminder()
    {
        var portfolio = PortfolioGenerator.Generate(Options);
        var reminded = new SimulatedPayers(portfolio, 5);
        var left = new SimulatedPayers(portfolio, 5);
        foreach (var customer in portfolio.Customers)
        {
            reminded.Remind(customer.Id, Start.AddDays(-1));
        }

        Assert.True(Paid(reminded, days: 5).Count > Paid(left, days: 5).Count);
    }

    private static List<string> Paid(SimulatedPayers payers, int days = 30) =>
        [.. Days(days).SelectMany(day => payers.PayOn(day).SelectMany(p => p.Invoices.Select(i => $"{day:yyyy-MM-dd} {i.Id.Value}")))];

    private static IEnumerable<DateOnly> Days(int count) => Enumerable.Range(0, count).Select(Start.AddDays);
}
