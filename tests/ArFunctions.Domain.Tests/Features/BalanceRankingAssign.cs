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
    public void DoesNothingGivenEmptyPortfolio() => BalanceRanking.Assign([]);
}
