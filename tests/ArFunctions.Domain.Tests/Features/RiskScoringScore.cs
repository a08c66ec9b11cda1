using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;

namespace ArFunctions.Domain.Tests.Features;

public class RiskScoringScore
{
    [Theory]
    [InlineData(70, RiskClass.Medium, 15, 0, 32)]
    [InlineData(double.NaN, RiskClass.Low, 0, 0, 20)]
    [InlineData(100, RiskClass.Low, 0, 0, 0)]
    [InlineData(0, RiskClass.Critical, 30, 3, 100)]
    [InlineData(-20, RiskClass.Critical, 400, 9, 100)]
    [InlineData(50, RiskClass.High, double.NaN, 0, 50)]
    public void BlendsCreditClassLatenessAndPromises(double credit, RiskClass riskClass, double avgDaysLate, int broken, double expected) =>
        Assert.Equal(expected, RiskScoring.Score(credit, riskClass, avgDaysLate, broken), 10);
}
