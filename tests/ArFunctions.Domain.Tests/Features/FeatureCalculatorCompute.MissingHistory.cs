using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.FeatureData;

namespace ArFunctions.Domain.Tests.Features;

/// <summary>
/// Each history feature, computed for a customer with an open invoice but nothing paid and no call, is missing, and
/// no rule on it matches, whatever the operator and value: docs/policy.md, "Missing values never match".
/// </summary>
public partial class FeatureCalculatorCompute
{
    public static TheoryData<string> HistoryFeatures { get; } = ["avgDaysToPay", "avgDaysLate", "latePaymentShare", "trend", "interactionDifficulty"];

    private static CustomerFeatures NoHistory() =>
        Compute([A.Invoice("I1", DaysAgo(5)), A.Invoice("I0", DaysAgo(500)).Paid(DaysAgo(400))], interactions: [new Interaction(A.Customer().Id, DaysAgo(3), InteractionKind.Email, InteractionOutcome.NoAnswer)]);

    [Theory]
    [MemberData(nameof(HistoryFeatures))]
    public void ReportsMissingGivenNoHistoryInTheWindow(string name)
    {
        Assert.True(FeatureCatalog.TryGet(name, out var feature));

        Assert.True(double.IsNaN(NoHistory().GetNumber(feature.Id)));
        Assert.Equal("unknown", NoHistory().Display(feature.Id));
    }

    [Theory]
    [MemberData(nameof(HistoryFeatures))]
    public void MatchesNoComparisonGivenNoHistory(string name)
    {
        Assert.True(FeatureCatalog.TryGet(name, out var feature));
        var features = NoHistory();

        foreach (var symbol in ComparisonOperators.Symbols)
        {
            Assert.True(ComparisonOperators.TryParse(symbol, out var op));
            foreach (var value in new[] { -1d, 0d, 5d, 1000d })
            {
                Assert.False(Comparison.OfNumber(feature, op, value).IsSatisfiedBy(features), $"{name} {symbol} {value} matched a missing value");
            }
        }
    }

    [Theory]
    [MemberData(nameof(HistoryFeatures))]
    public void MatchesNegatedComparisonGivenNoHistory(string name)
    {
        // The way to take missing values in is to say so: not (x >= 5) holds for a missing x, where x < 5 does not.
        Assert.True(FeatureCatalog.TryGet(name, out var feature));

        Assert.True(new NotCondition(Comparison.OfNumber(feature, ComparisonOperator.GreaterThanOrEqual, 5)).IsSatisfiedBy(NoHistory()));
    }

    [Fact]
    public void CountsLatenessAsHalfwayInRiskScoreGivenNoPaymentHistory()
    {
        var customer = A.Customer() with { CreditScore = 100, RiskClass = RiskClass.Low };
        var punctual = Compute([PaidInvoice("I1", issuedDaysAgo: 60, paidDaysAgo: 30)], customer: customer);

        // Credit 100 -> 0; low -> 0; lateness unknown -> 50 x 0.2 = 10, where a punctual payer's lateness is 0.
        Assert.Equal(10, Compute([A.Invoice("I1", DaysAgo(5))], customer: customer).RiskScore, 10);
        Assert.Equal(0, punctual.AvgDaysLate);
        Assert.Equal(0, punctual.RiskScore, 10);
    }
}
