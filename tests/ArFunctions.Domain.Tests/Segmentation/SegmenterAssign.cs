using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.SegmentPolicyBuilder;

namespace ArFunctions.Domain.Tests.Segmentation;

public partial class SegmenterAssign
{
    private static readonly DateOnly Day1 = A.Today;

    /// <summary>The design's example: key accounts first, then high risk, then a watch list, else standard.</summary>
    private static CollectionPolicy Policy(int daysToRelax = 3) => SegmentPolicyBuilder.Policy(
        daysToRelax,
        Segment("key-accounts", Number("balanceRank", "<=", 20), strictness: 2),
        Segment("high-risk", Any(Number("riskScore", ">=", 70), Number("avgDaysLate", ">", 15)), strictness: 3),
        Segment("watch", All(Number("avgDaysLate", ">", 5), Not(Enum("riskClass", "=", "low"))), strictness: 2),
        Default("standard"));

    private static readonly CustomerFeatures Standard = A.Features();
    private static readonly CustomerFeatures HighRisk = A.Features() with { AvgDaysLate = 20 };
    private static readonly CustomerFeatures Watch = A.Features() with { AvgDaysLate = 8 };
    private static readonly CustomerFeatures KeyAccount = A.Features() with { BalanceRank = 5 };

    private static SegmentState In(string segmentId, DateOnly evaluatedOn) => new(segmentId, evaluatedOn.AddDays(-30), null, 0, evaluatedOn);

    [Fact]
    public void PicksFirstMatchingSegmentGivenSeveralRulesHold()
    {
        var assignment = Segmenter.Assign(KeyAccount with { AvgDaysLate = 20 }, Policy(), null, Day1);

        Assert.Equal("key-accounts", assignment.SegmentId);
        Assert.Equal("balanceRank <= 20", assignment.MatchedRule);
    }

    [Fact]
    public void FallsBackToDefaultGivenNoRuleHolds()
    {
        var assignment = Segmenter.Assign(Standard, Policy(), null, Day1);

        Assert.Equal("standard", assignment.SegmentId);
        Assert.Equal("standard", assignment.QualifiedSegmentId);
        Assert.Equal("default", assignment.MatchedRule);
        Assert.False(assignment.Moved);
        Assert.Null(assignment.PreviousSegmentId);
        Assert.Empty(assignment.Triggers);
        Assert.Null(assignment.DaysUntilMove);
        Assert.Equal(new SegmentState("standard", Day1, null, 0, Day1), assignment.State);
    }

    [Theory]
    [InlineData(75, 5, "high-risk")]
    [InlineData(40, 16, "high-risk")]
    [InlineData(40, 15, "watch")]
    public void QualifiesGivenAnyPartOfAnyRule(double riskScore, double avgDaysLate, string expected) =>
        Assert.Equal(expected, Segmenter.Assign(Standard with { RiskScore = riskScore, AvgDaysLate = avgDaysLate }, Policy(), null, Day1).SegmentId);

    [Theory]
    [InlineData(8, RiskClass.Medium, "watch")]
    [InlineData(8, RiskClass.Low, "standard")]
    [InlineData(5, RiskClass.Medium, "standard")]
    public void QualifiesGivenAllPartsOfAllRuleWithNot(double avgDaysLate, RiskClass riskClass, string expected) =>
        Assert.Equal(expected, Segmenter.Assign(Standard with { AvgDaysLate = avgDaysLate, RiskClass = riskClass }, Policy(), null, Day1).SegmentId);

    [Fact]
    public void ListsHoldingComparisonsGivenFirstAssignment()
    {
        var assignment = Segmenter.Assign(Standard with { RiskScore = 75 }, Policy(), null, Day1);

        Assert.False(assignment.Moved);
        Assert.Equal(["riskScore 75 >= 70 now holds (rule of high-risk)"], assignment.Triggers);
    }

    [Fact]
    public void MovesImmediatelyGivenStricterSegment()
    {
        var assignment = Segmenter.Assign(HighRisk, Policy(), In("standard", Day1.AddDays(-1)), Day1);

        Assert.Equal("high-risk", assignment.SegmentId);
        Assert.True(assignment.Moved);
        Assert.Equal("standard", assignment.PreviousSegmentId);
        Assert.Equal(["avgDaysLate 20 > 15 now holds (rule of high-risk)"], assignment.Triggers);
        Assert.Equal(new SegmentState("high-risk", Day1, null, 0, Day1, "standard"), assignment.State);
    }

    [Fact]
    public void StaysWithoutTriggersGivenSameSegmentQualifies()
    {
        var previous = In("high-risk", Day1.AddDays(-1));

        var assignment = Segmenter.Assign(HighRisk, Policy(), previous, Day1);

        Assert.Equal("high-risk", assignment.SegmentId);
        Assert.False(assignment.Moved);
        Assert.Equal("high-risk", assignment.PreviousSegmentId);
        Assert.Same(Array.Empty<string>(), assignment.Triggers);
        Assert.Equal(previous with { EvaluatedOn = Day1 }, assignment.State);
    }

    [Fact]
    public void WaitsThenMovesOnDayNGivenRelaxingSegment()
    {
        var policy = Policy(daysToRelax: 3);
        var state = In("high-risk", Day1.AddDays(-1));

        var day1 = Segmenter.Assign(Standard, policy, state, Day1);
        var day2 = Segmenter.Assign(Standard, policy, day1.State, Day1.AddDays(1));
        var day3 = Segmenter.Assign(Standard, policy, day2.State, Day1.AddDays(2));

        Assert.Equal(("high-risk", "standard", false, 2), (day1.SegmentId, day1.QualifiedSegmentId, day1.Moved, day1.DaysUntilMove));
        Assert.Equal(new SegmentState("high-risk", state.Since, "standard", 1, Day1), day1.State);
        Assert.Equal(("high-risk", false, 1), (day2.SegmentId, day2.Moved, day2.DaysUntilMove));
        Assert.Equal(("standard", true, "high-risk", (int?)null), (day3.SegmentId, day3.Moved, day3.PreviousSegmentId, day3.DaysUntilMove));
        Assert.Equal(
            ["riskScore 40 >= 70 no longer holds (rule of high-risk)", "avgDaysLate 5 > 15 no longer holds (rule of high-risk)"],
            day3.Triggers);
    }

    [Fact]
    public void RestartsStreakGivenQualifyingForCurrentSegmentInBetween()
    {
        var policy = Policy(daysToRelax: 3);
        var day1 = Segmenter.Assign(Standard, policy, In("high-risk", Day1.AddDays(-1)), Day1);
        var day2 = Segmenter.Assign(HighRisk, policy, day1.State, Day1.AddDays(1));
        var day3 = Segmenter.Assign(Standard, policy, day2.State, Day1.AddDays(2));

        Assert.Null(day2.State.PendingSegmentId);
        Assert.Equal(("high-risk", 2, 1), (day3.SegmentId, day3.DaysUntilMove, day3.State.PendingDays));
    }

    [Fact]
    public void RestartsStreakGivenQualifyingForAnotherRelaxingSegment()
    {
        var policy = Policy(daysToRelax: 2);
        var day1 = Segmenter.Assign(Watch, policy, In("high-risk", Day1.AddDays(-1)), Day1);
        var day2 = Segmenter.Assign(Standard, policy, day1.State, Day1.AddDays(1));

        Assert.Equal(("watch", 1), (day1.State.PendingSegmentId, day1.DaysUntilMove));
        Assert.Equal(("high-risk", "standard", 1), (day2.SegmentId, day2.State.PendingSegmentId, day2.State.PendingDays));
    }

    [Fact]
    public void RestartsStreakGivenMissedDay()
    {
        var policy = Policy(daysToRelax: 3);
        var day1 = Segmenter.Assign(Standard, policy, In("high-risk", Day1.AddDays(-1)), Day1);
        var day3 = Segmenter.Assign(Standard, policy, day1.State, Day1.AddDays(2));

        Assert.Equal(("high-risk", 1, 2), (day3.SegmentId, day3.State.PendingDays, day3.DaysUntilMove));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void RelaxesImmediatelyGivenZeroOrOneDayToRelax(int daysToRelax)
    {
        var assignment = Segmenter.Assign(Standard, Policy(daysToRelax), In("high-risk", Day1.AddDays(-1)), Day1);

        Assert.Equal(("standard", true), (assignment.SegmentId, assignment.Moved));
    }

    [Fact]
    public void WaitsGivenEquallyStrictSegment()
    {
        var assignment = Segmenter.Assign(Watch, Policy(daysToRelax: 3), In("key-accounts", Day1.AddDays(-1)), Day1);

        Assert.Equal(("key-accounts", "watch", 2), (assignment.SegmentId, assignment.QualifiedSegmentId, assignment.DaysUntilMove));
    }

    [Fact]
    public void MovesImmediatelyGivenPreviousSegmentMissingFromPolicy()
    {
        var assignment = Segmenter.Assign(Standard, Policy(daysToRelax: 5), In("collections-2019", Day1.AddDays(-1)), Day1);

        Assert.Equal(("standard", true, "collections-2019"), (assignment.SegmentId, assignment.Moved, assignment.PreviousSegmentId));
        Assert.Equal(["segment collections-2019 is no longer in the policy"], assignment.Triggers);
    }

    [Fact]
    public void ExplainsRelaxingMoveGivenRuleOfOldSegmentFails()
    {
        var assignment = Segmenter.Assign(Standard with { BalanceRank = 34 }, Policy(daysToRelax: 0), In("key-accounts", Day1.AddDays(-1)), Day1);

        Assert.Equal(["balanceRank 34 <= 20 no longer holds (rule of key-accounts)"], assignment.Triggers);
    }

    [Fact]
    public void ExplainsNegatedComparisonByItsFailureGivenMoveIntoNotRule()
    {
        var assignment = Segmenter.Assign(Watch, Policy(), In("standard", Day1.AddDays(-1)), Day1);

        Assert.Equal(["avgDaysLate 8 > 5 now holds (rule of watch)", "riskClass medium = low no longer holds (rule of watch)"], assignment.Triggers);
    }

    [Fact]
    public void ThrowsGivenStateFromLaterDay() =>
        Assert.Throws<ArgumentException>(() => Segmenter.Assign(Standard, Policy(), In("standard", Day1.AddDays(1)), Day1));
}
