using ArFunctions.Domain.Features;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Features;

public class BalanceRankingAssign
{
    [Fact]
    public void RanksLargestBalanceFirstGivenDistinctBalances()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("C1") with { OpenBalance = 100m },
            A.Features("C2") with { OpenBalance = 300m },
            A.Features("C3") with { OpenBalance = 200m },
        ];

        BalanceRanking.Assign(portfolio);

        Assert.Equal(["C1", "C2", "C3"], portfolio.Select(f => f.CustomerId.Value));
        Assert.Equal([3, 1, 2], portfolio.Select(f => f.BalanceRank));
    }

    [Fact]
    public void BreaksTiesByCustomerIdGivenEqualBalances()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("C9") with { OpenBalance = 100m },
            A.Features("C10") with { OpenBalance = 100m },
            A.Features("B1") with { OpenBalance = 50m },
            A.Features("C2") with { OpenBalance = 100m },
        ];

        BalanceRanking.Assign(portfolio);

        Assert.Equal([3, 1, 4, 2], portfolio.Select(f => f.BalanceRank));
    }

    [Fact]
    public void RanksEqualAmountsAsTiesGivenBalancesInWholeCentsWrittenWithDifferentScales()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("C2") with { OpenBalance = 1.5m },
            A.Features("C1") with { OpenBalance = 1.50m },
            A.Features("C3") with { OpenBalance = -0.01m },
            A.Features("C4") with { OpenBalance = 0m },
            A.Features("C5") with { OpenBalance = 2m },
            A.Features("C6") with { OpenBalance = -5m },
        ];

        BalanceRanking.Assign(portfolio);

        Assert.Equal([3, 2, 5, 4, 1, 6], portfolio.Select(f => f.BalanceRank));
    }

    [Fact]
    public void RanksByExactAmountGivenBalancesBeyondWholeCents()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("C1") with { OpenBalance = 1.5m },
            A.Features("C2") with { OpenBalance = 1.505m },
            A.Features("C3") with { OpenBalance = 1.51m },
            A.Features("C4") with { OpenBalance = 100_000_000_000_000_000m },
            A.Features("C5") with { OpenBalance = 1.5000m },
        ];

        BalanceRanking.Assign(portfolio);

        Assert.Equal([4, 3, 2, 1, 5], portfolio.Select(f => f.BalanceRank));
    }

    [Fact]
    public void DoesNothingGivenEmptyPortfolio() => BalanceRanking.Assign([]);
}
