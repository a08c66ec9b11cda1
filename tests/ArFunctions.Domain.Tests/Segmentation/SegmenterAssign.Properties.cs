using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Segmentation;

namespace ArFunctions.Domain.Tests.Segmentation;

public partial class SegmenterAssign
{
    private static readonly Dictionary<string, int> Strictness = new(StringComparer.Ordinal)
    {
        ["key-accounts"] = 2, ["high-risk"] = 3, ["watch"] = 2, ["standard"] = 1,
    };

    [Fact]
    public void RelaxesOnlyAfterStreakAndTightensAtOnceGivenRandomWalks()
    {
        var (relaxingMoves, heldDays, stricterMoves) = (0, 0, 0);
        for (var seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var daysToRelax = random.Next(0, 6);
            var policy = Policy(daysToRelax);
            var features = Standard;
            SegmentState? state = null;
            var streak = (Target: "", Days: 0, LastDay: DateOnly.MinValue);
            for (var day = Day1; day < Day1.AddDays(200); day = day.AddDays(1))
            {
                features = Step(features, random);
                if (random.NextDouble() < 0.05)
                {
                    continue;
                }

                var qualified = ExpectedQualification(features);
                streak = streak.Target == qualified && streak.LastDay.AddDays(1) == day ? (qualified, streak.Days + 1, day) : (qualified, 1, day);
                var assignment = Segmenter.Assign(features, policy, state, day);
                var context = $"seed {seed}, N {daysToRelax}, {day:yyyy-MM-dd}";

                Assert.True(qualified == assignment.QualifiedSegmentId, context);
                AssertHysteresis(state?.SegmentId, qualified, streak.Days, daysToRelax, assignment, context);
                AssertSame(assignment, Segmenter.Assign(features, policy, assignment.State, day));
                relaxingMoves += assignment.Moved && Strictness[assignment.SegmentId] <= Strictness[state!.Value.SegmentId] ? 1 : 0;
                stricterMoves += assignment.Moved && Strictness[assignment.SegmentId] > Strictness[state!.Value.SegmentId] ? 1 : 0;
                heldDays += assignment.DaysUntilMove is null ? 0 : 1;
                state = assignment.State;
            }
        }

        // The walk must exercise every branch, or the assertions above prove little.
        Assert.All(new[] { relaxingMoves, heldDays, stricterMoves }, count => Assert.True(count > 100, $"only {count}"));
    }

    private static void AssertHysteresis(string? before, string qualified, int streak, int daysToRelax, SegmentAssignment assignment, string context)
    {
        var relaxing = before is not null && before != qualified && Strictness[qualified] <= Strictness[before];
        var expected = relaxing && streak < daysToRelax ? before : qualified;
        Assert.True(expected == assignment.SegmentId, $"{context}: expected {expected}, got {assignment.SegmentId} (streak {streak})");
        Assert.Equal(before is not null && before != expected, assignment.Moved);
        Assert.Equal(expected == qualified ? null : daysToRelax - streak, assignment.DaysUntilMove);
    }

    /// <summary>The policy's rules, written out independently of the condition classes.</summary>
    private static string ExpectedQualification(CustomerFeatures f) =>
        f.BalanceRank <= 20 ? "key-accounts"
        : f.RiskScore >= 70 || f.AvgDaysLate > 15 ? "high-risk"
        : f.AvgDaysLate > 5 && f.RiskClass != RiskClass.Low ? "watch"
        : "standard";

    /// <summary>Features drift slowly so that customers sit near thresholds and streaks both form and break.</summary>
    private static CustomerFeatures Step(CustomerFeatures f, Random random) => random.Next(6) switch
    {
        0 => f with { RiskScore = Math.Clamp(f.RiskScore + random.Next(-20, 21), 0, 100) },
        1 => f with { AvgDaysLate = Math.Clamp(f.AvgDaysLate + random.Next(-6, 7), 0, 40) },
        2 => f with { BalanceRank = random.Next(10) == 0 ? random.Next(1, 40) : f.BalanceRank },
        3 => f with { RiskClass = random.Next(8) == 0 ? (RiskClass)random.Next(4) : f.RiskClass },
        _ => f,
    };
}
