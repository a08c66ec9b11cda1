using ArFunctions.Domain.Features;
using ArFunctions.Domain.Tests.Builders;
using ArFunctions.Domain.Worklist;

namespace ArFunctions.Domain.Tests.Worklist;

public class PortfolioScaleFrom
{
    [Fact]
    public void TakesTheMaximumGivenFewerThanHundredCustomers()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("C1") with { OverdueBalance = 1_000m, OrderFrequency = 2 },
            A.Features("C2") with { OverdueBalance = 9_000m, OrderFrequency = 0.5 },
            A.Features("C3") with { OverdueBalance = 4_000m, OrderFrequency = 6 },
        ];

        Assert.Equal(new PortfolioScale(9_000, 6), PortfolioScale.From(portfolio));
    }

    [Fact]
    public void IgnoresOneGiantAccountGivenTheNinetyNinthPercentile()
    {
        var portfolio = Enumerable.Range(1, 100)
            .Select(i => A.Features("C" + i) with { OverdueBalance = i * 1_000m })
            .Append(A.Features("GIANT") with { OverdueBalance = 10_000_000m })
            .ToArray();

        Assert.Equal(100_000, PortfolioScale.From(portfolio).CollectibleOverdue);
    }

    [Fact]
    public void IgnoresExcludedDisputedAndZeroBalances()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("C1") with { OverdueBalance = 50_000m, Excluded = true },
            A.Features("C2") with { OverdueBalance = 30_000m, DisputedBalance = 25_000m },
            A.Features("C3") with { OverdueBalance = 0m, OrderFrequency = 0 },
            A.Features("C4") with { OverdueBalance = 2_000m, OrderFrequency = double.NaN },
        ];

        var scale = PortfolioScale.From(portfolio);

        Assert.Equal(5_000, scale.CollectibleOverdue);
        Assert.Equal(1, scale.OrderFrequency);
    }

    [Fact]
    public void IsZeroGivenAnEmptyPortfolio()
    {
        Assert.Equal(default, PortfolioScale.From([]));
    }

    [Fact]
    public void AgreesWithASortedNearestRankAcrossRandomValues()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var values = Enumerable.Range(0, random.Next(1, 2_000))
                .Select(_ => random.Next(3) == 0 ? random.Next(1, 5) * 100d : Math.Round(random.NextDouble() * 10_000, 2))
                .ToArray();
            var sorted = values.Order().ToArray();
            var expected = sorted[(int)Math.Ceiling(0.99 * sorted.Length) - 1];

            Assert.True(expected == PortfolioScale.PercentileOf(values), $"seed {seed}");
        }
    }
}
