using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Tests.Builders;
using ArFunctions.Domain.Worklist;
using static ArFunctions.Domain.Tests.Builders.FeatureData;

namespace ArFunctions.Domain.Tests.Features;

/// <summary>
/// The customer's optional figures (marginPct, creditScore), absent from the data: each is missing in the features,
/// matches no comparison, and never reads or scores as 0 in the worklist's score and reasons.
/// </summary>
public partial class FeatureCalculatorCompute
{
    private static readonly PortfolioScale RankingScale = new(CollectibleOverdue: 10_000, OrderFrequency: 4);

    private static CustomerFeatures Overdue(Customers.Customer customer) =>
        Compute([A.Invoice("I1", DaysAgo(40), 5_000m)], customer: customer);

    [Fact]
    public void LeavesMarginOutOfTheScoreAndTheReasonsGivenNoMarginPct()
    {
        var unknown = Overdue(A.Customer() with { MarginPct = null });
        var weights = new RankingWeights() with { LowMargin = 1 };

        var score = PriorityScorer.Score(unknown, weights, RankingScale);
        var reasons = PriorityScorer.Reasons(unknown, score, count: 8);

        Assert.True(double.IsNaN(unknown.MarginPct));
        Assert.Equal("unknown", unknown.Display(FeatureId.MarginPct));
        Assert.Equal(0d, score.LowMargin);
        Assert.Equal(PriorityScorer.Score(Overdue(A.Customer() with { MarginPct = 100m }), weights, RankingScale).Score, score.Score, 12);
        Assert.DoesNotContain(reasons, r => r.Component == PriorityComponent.LowMargin);
        Assert.DoesNotContain(reasons, r => r.Text.Contains("margin", StringComparison.Ordinal));
    }

    [Fact]
    public void ScoresAndExplainsAKnownZeroMarginGivenMarginPctZero()
    {
        // Zero is a figure, not a missing one: a customer sold to at cost is a low-margin account.
        var atCost = Overdue(A.Customer() with { MarginPct = 0m });
        var weights = new RankingWeights() with { LowMargin = 1 };

        var score = PriorityScorer.Score(atCost, weights, RankingScale);

        Assert.Equal(1d, score.LowMargin);
        Assert.Contains(PriorityScorer.Reasons(atCost, score, count: 8), r => r.Text == "low margin 0%");
    }

    [Fact]
    public void CountsCreditAsHalfwayInRiskNeverAsZeroGivenNoCreditScore()
    {
        var unknown = Overdue(A.Customer() with { CreditScore = null });

        var score = PriorityScorer.Score(unknown, new RankingWeights(), RankingScale);
        var risk = PriorityScorer.Reasons(unknown, score, count: 8).Single(r => r.Component == PriorityComponent.Risk);

        Assert.True(double.IsNaN(unknown.CreditScore));
        Assert.Equal("unknown", unknown.Display(FeatureId.CreditScore));
        Assert.Equal(Overdue(A.Customer() with { CreditScore = 50 }).RiskScore, unknown.RiskScore, 10);
        Assert.NotEqual(Overdue(A.Customer() with { CreditScore = 0 }).RiskScore, unknown.RiskScore, 10);
        Assert.Equal($"risk score {unknown.RiskScore:0} of 100", risk.Text);
    }

    [Theory]
    [InlineData("marginPct")]
    [InlineData("creditScore")]
    public void MatchesNoComparisonGivenTheOptionalFigureIsAbsent(string name)
    {
        Assert.True(FeatureCatalog.TryGet(name, out var feature));
        var features = Overdue(A.Customer() with { MarginPct = null, CreditScore = null });

        foreach (var symbol in ComparisonOperators.Symbols)
        {
            Assert.True(ComparisonOperators.TryParse(symbol, out var op));
            foreach (var value in new[] { -1d, 0d, 5d, 1000d })
            {
                Assert.False(Comparison.OfNumber(feature, op, value).IsSatisfiedBy(features), $"{name} {symbol} {value} matched a missing value");
            }
        }
    }
}
