using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;

namespace ArFunctions.Domain.Tests.Segmentation;

public partial class SegmenterAssign
{
    public static TheoryData<string, string> Days => new()
    {
        { "first", "standard" },
        { "stricter", "high-risk" },
        { "held", "standard" },
        { "relaxed", "watch" },
        { "stay", "key-accounts" },
        { "gone", "standard" },
    };

    [Theory]
    [MemberData(nameof(Days))]
    public void RepeatsSameAssignmentGivenStateAlreadyAtAsOf(string situation, string qualifiesFor)
    {
        var (policy, previous) = Situation(situation);
        var features = qualifiesFor switch
        {
            "high-risk" => HighRisk,
            "watch" => Watch,
            "key-accounts" => KeyAccount,
            _ => Standard,
        };

        var first = Segmenter.Assign(features, policy, previous, Day1);
        var again = Segmenter.Assign(features, policy, previous, Day1);
        var repeated = Segmenter.Assign(features, policy, first.State, Day1);

        AssertSame(first, again);
        AssertSame(first, repeated);
        Assert.Equal(first.State, repeated.State);
    }

    private static (CollectionPolicy Policy, SegmentState? Previous) Situation(string situation) => situation switch
    {
        "first" => (Policy(), null),
        "stricter" => (Policy(), In("standard", Day1.AddDays(-1))),
        "held" => (Policy(daysToRelax: 3), In("high-risk", Day1.AddDays(-1)) with { PendingSegmentId = "standard", PendingDays = 1 }),
        "relaxed" => (Policy(daysToRelax: 2), In("high-risk", Day1.AddDays(-1)) with { PendingSegmentId = "watch", PendingDays = 1 }),
        "stay" => (Policy(), In("key-accounts", Day1.AddDays(-1))),
        _ => (Policy(), In("retired", Day1.AddDays(-1))),
    };

    private static void AssertSame(SegmentAssignment expected, SegmentAssignment actual)
    {
        Assert.Equal(expected with { Triggers = [] }, actual with { Triggers = [] });
        Assert.Equal(expected.Triggers, actual.Triggers);
    }
}
