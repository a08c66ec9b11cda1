using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Conditions;

public class ComparisonIsSatisfiedBy
{
    private static readonly FeatureDefinition BalanceRank = FeatureCatalog.Get(FeatureId.BalanceRank);

    [Fact]
    public void NeverMatchesGivenCustomerNotYetRanked()
    {
        var unranked = A.Features() with { BalanceRank = 0 };

        Assert.False(Comparison.OfNumber(BalanceRank, ComparisonOperator.LessThanOrEqual, 20).IsSatisfiedBy(unranked));
        Assert.False(Comparison.OfNumber(BalanceRank, ComparisonOperator.GreaterThan, 20).IsSatisfiedBy(unranked));
        Assert.Equal("balanceRank unknown <= 20", Comparison.OfNumber(BalanceRank, ComparisonOperator.LessThanOrEqual, 20).Explain(unranked));
    }

    [Fact]
    public void MatchesGivenRankWithinThreshold() =>
        Assert.True(Comparison.OfNumber(BalanceRank, ComparisonOperator.LessThanOrEqual, 20).IsSatisfiedBy(A.Features() with { BalanceRank = 20 }));

    [Fact]
    public void NeverMatchesNotEqualGivenMissingNumber() =>
        Assert.False(Comparison.OfNumber(FeatureCatalog.Get(FeatureId.CreditScore), ComparisonOperator.NotEqual, 50)
            .IsSatisfiedBy(A.Features() with { CreditScore = double.NaN }));

    [Fact]
    public void OrdersRiskClassesGivenOrderedEnum()
    {
        var atLeastHigh = Comparison.OfEnum(FeatureCatalog.Get(FeatureId.RiskClass), ComparisonOperator.GreaterThanOrEqual, (int)Customers.RiskClass.High);

        Assert.True(atLeastHigh.IsSatisfiedBy(A.Features() with { RiskClass = Customers.RiskClass.Critical }));
        Assert.False(atLeastHigh.IsSatisfiedBy(A.Features() with { RiskClass = Customers.RiskClass.Medium }));
    }

    [Fact]
    public void ComparesTextIgnoringCase() =>
        Assert.True(Comparison.OfText(FeatureCatalog.Get(FeatureId.Country), ComparisonOperator.Equal, "us").IsSatisfiedBy(A.Features()));

    [Fact]
    public void RefusesOrderingOperatorGivenUnorderedEnum() =>
        Assert.Throws<ArgumentException>(() => Comparison.OfEnum(FeatureCatalog.Get(FeatureId.PaymentMethod), ComparisonOperator.LessThan, 0));
}
