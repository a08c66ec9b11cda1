using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Tests.Builders;
using ArFunctions.Domain.Worklist;

namespace ArFunctions.Domain.Tests.Worklist;

public class PriorityScorerScore
{
    private static readonly RankingWeights Defaults = new();
    private static readonly PortfolioScale Scale = new(CollectibleOverdue: 10_000, OrderFrequency: 4);

    [Fact]
    public void AddsNothingForPaymentHistoryGivenNoHistory()
    {
        var noHistory = A.Features() with { AvgDaysLate = double.NaN, LatePaymentShare = double.NaN, InteractionDifficulty = double.NaN };
        var weights = new RankingWeights() with { InteractionDifficulty = 0.05 };

        var score = PriorityScorer.Score(noHistory, weights, Scale);

        Assert.Equal(0d, score.PaymentHistory);
        Assert.Equal(0d, score.InteractionDifficulty);
        Assert.False(double.IsNaN(score.Score));
        Assert.Equal(score.Score, score.OverdueBalance + score.DaysPastDue + score.Risk + score.OrderLeverage + score.LowMargin + score.BrokenPromises, 12);
        Assert.DoesNotContain(PriorityScorer.Reasons(noHistory, score, count: 8), r => r.Component is PriorityComponent.PaymentHistory or PriorityComponent.InteractionDifficulty);
    }

    [Fact]
    public void ScoresHigherGivenMoreOverdueAllElseEqual()
    {
        var less = A.Features() with { OverdueBalance = 2_000m };
        var more = A.Features() with { OverdueBalance = 8_000m };

        Assert.True(Score(more) > Score(less));
    }

    [Fact]
    public void NeverScoresLowerGivenMoreOverdueAcrossRandomCustomers()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var f = RandomFeatures(random);
            var more = f with { OverdueBalance = f.OverdueBalance + (decimal)(random.NextDouble() * 50_000) + 0.01m };

            Assert.True(Score(more) >= Score(f), $"seed {seed}");
        }
    }

    [Fact]
    public void GivesFullBalanceWeightGivenOverdueAtTheScale()
    {
        var score = PriorityScorer.Score(A.Features() with { OverdueBalance = 10_000m }, Defaults, Scale);

        Assert.Equal(0.30, score.OverdueBalance, 12);
    }

    [Fact]
    public void KeepsSmallBalancesApartGivenLogScaling()
    {
        // A thousandth of the scale still scores about a tenth, so mid-sized accounts are not flattened to zero.
        var thousandth = PriorityScorer.Score(A.Features() with { OverdueBalance = 10m }, Defaults, Scale).OverdueBalance;
        var tenth = PriorityScorer.Score(A.Features() with { OverdueBalance = 1_000m }, Defaults, Scale).OverdueBalance;

        Assert.Equal(0.30 * Math.Log(2) / Math.Log(1001), thousandth, 12);
        Assert.Equal(0.30 * Math.Log(101) / Math.Log(1001), tenth, 12);
    }

    [Fact]
    public void UsesOnlyUndisputedOverdueGivenDisputedBalance()
    {
        var clean = A.Features() with { OverdueBalance = 3_000m };
        var disputed = A.Features() with { OverdueBalance = 5_000m, DisputedBalance = 2_000m };

        Assert.Equal(Score(clean), Score(disputed), 12);
    }

    [Fact]
    public void SumsContributionsIntoTheScore()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var score = PriorityScorer.Score(RandomFeatures(new Random(seed)), Defaults, Scale);
            var sum = 0d;
            for (var c = PriorityComponent.OverdueBalance; c <= PriorityComponent.BrokenPromises; c++)
            {
                sum += score.Contribution(c);
            }

            Assert.Equal(sum, score.Score, 12);
            Assert.InRange(score.Score, -0.05, 0.95);
        }
    }

    [Fact]
    public void CapsDaysPastDueAt120()
    {
        var at = PriorityScorer.Score(A.Features() with { DaysPastDueOldest = 120 }, Defaults, Scale);
        var beyond = PriorityScorer.Score(A.Features() with { DaysPastDueOldest = 400 }, Defaults, Scale);
        var half = PriorityScorer.Score(A.Features() with { DaysPastDueOldest = 60 }, Defaults, Scale);

        Assert.Equal(0.20, at.DaysPastDue, 12);
        Assert.Equal(at.DaysPastDue, beyond.DaysPastDue);
        Assert.Equal(0.10, half.DaysPastDue, 12);
    }

    [Fact]
    public void BlendsLatenessAndLateShareGivenPaymentHistory()
    {
        var score = PriorityScorer.Score(A.Features() with { AvgDaysLate = 90, LatePaymentShare = 0.4 }, Defaults, Scale);

        Assert.Equal(0.10 * ((0.5 * 1.0) + (0.5 * 0.4)), score.PaymentHistory, 12);
    }

    [Fact]
    public void CapsBrokenPromisesAtThree()
    {
        var two = PriorityScorer.Score(A.Features() with { BrokenPromises = 2 }, Defaults, Scale);
        var five = PriorityScorer.Score(A.Features() with { BrokenPromises = 5 }, Defaults, Scale);

        Assert.Equal(0.10 * 2 / 3, two.BrokenPromises, 12);
        Assert.Equal(0.10, five.BrokenPromises, 12);
    }

    [Fact]
    public void ScoresLowerGivenHarderInteractionsWithDefaultWeights()
    {
        var easy = A.Features() with { InteractionDifficulty = 0 };
        var hard = A.Features() with { InteractionDifficulty = 0.6 };

        Assert.True(Score(hard) < Score(easy));
        Assert.Equal(-0.03, PriorityScorer.Score(hard, Defaults, Scale).InteractionDifficulty, 12);
    }

    [Fact]
    public void ScoresHigherGivenLowerMarginOrMoreFrequentOrders()
    {
        var baseline = A.Features() with { MarginPct = 40, OrderFrequency = 1 };

        Assert.True(Score(baseline with { MarginPct = 8 }) > Score(baseline));
        Assert.True(Score(baseline with { OrderFrequency = 3 }) > Score(baseline));
        Assert.Equal(0.05, PriorityScorer.Score(baseline with { OrderFrequency = 9 }, Defaults, Scale).OrderLeverage, 12);
    }

    [Fact]
    public void CountsUnknownInputsAsZeroGivenNaN()
    {
        var f = A.Features() with { RiskScore = double.NaN, AvgDaysLate = double.NaN, LatePaymentShare = double.NaN, OrderFrequency = double.NaN };

        var score = PriorityScorer.Score(f, Defaults, Scale);

        Assert.Equal(0, score.Risk);
        Assert.Equal(0, score.PaymentHistory);
        Assert.Equal(0, score.OrderLeverage);
        Assert.False(double.IsNaN(score.Score));
    }

    [Fact]
    public void GivesNoBalanceComponentGivenEmptyScale()
    {
        var score = PriorityScorer.Score(A.Features(), Defaults, default);

        Assert.Equal(0, score.OverdueBalance);
        Assert.Equal(0, score.OrderLeverage);
    }

    private static double Score(CustomerFeatures f) => PriorityScorer.Score(f, Defaults, Scale).Score;

    internal static CustomerFeatures RandomFeatures(Random random) => A.Features() with
    {
        OverdueBalance = (decimal)Math.Round(random.NextDouble() * 40_000, 2),
        DaysPastDueOldest = random.Next(0, 200),
        RiskScore = random.NextDouble() * 100,
        AvgDaysLate = random.NextDouble() * 90,
        LatePaymentShare = random.NextDouble(),
        OrderFrequency = random.NextDouble() * 8,
        InteractionDifficulty = random.NextDouble(),
        MarginPct = random.NextDouble() * 60,
        BrokenPromises = random.Next(0, 5),
    };
}
