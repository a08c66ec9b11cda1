using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;

namespace ArFunctions.Domain.Tests.Conditions;

public class ConditionToString
{
    [Fact]
    public void ReturnsTheSameTextGivenRepeatedCalls()
    {
        var late = Comparison.OfNumber(FeatureCatalog.Get(FeatureId.AvgDaysLate), ComparisonOperator.GreaterThan, 15);
        var paper = Comparison.OfEnum(FeatureCatalog.Get(FeatureId.InvoicingMode), ComparisonOperator.Equal, 1);
        var rule = new AllCondition([new AnyCondition([late, new NotCondition(paper)]), late]);

        var text = rule.ToString();

        Assert.Equal($"((avgDaysLate > 15 or not invoicingMode = {paper.ValueText}) and avgDaysLate > 15)", text);
        Assert.Same(text, rule.ToString());
    }
}
