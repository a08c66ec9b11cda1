using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Tests.Builders;
using ArFunctions.Domain.Worklist;

namespace ArFunctions.Domain.Tests.Worklist;

public class PriorityScorerReasons
{
    private static readonly PortfolioScale Scale = new(CollectibleOverdue: 12_400, OrderFrequency: 4.2);

    private static readonly ArFunctions.Domain.Features.CustomerFeatures Customer = A.Features() with
    {
        OverdueBalance = 12_400m,
        DaysPastDueOldest = 47,
        RiskScore = 40,
        AvgDaysLate = 18,
        LatePaymentShare = 0.4,
        OrderFrequency = 4.2,
        InteractionDifficulty = 0.6,
        MarginPct = 8,
        BrokenPromises = 2,
    };

    [Fact]
    public void ListsTheThreeLargestContributionsGivenDefaultWeights()
    {
        // Contributions: balance 0.30, age 0.2*47/120 = 0.078, promises 0.1*2/3 = 0.067, risk 0.06, margin 0.046, ...
        var score = PriorityScorer.Score(Customer, new RankingWeights(), Scale);

        var reasons = PriorityScorer.Reasons(Customer, score);

        Assert.Equal(
            [
                new PriorityReason(PriorityComponent.OverdueBalance, 0.3, "12,400.00 overdue"),
                new PriorityReason(PriorityComponent.DaysPastDue, 0.078, "oldest invoice 47 days past due"),
                new PriorityReason(PriorityComponent.BrokenPromises, 0.067, "2 broken promises"),
            ],
            reasons);
    }

    [Fact]
    public void WritesEachComponentWithTheCustomersFigures()
    {
        var score = PriorityScorer.Score(Customer, new RankingWeights(), Scale);

        var texts = PriorityScorer.Reasons(Customer, score, count: 8).ToDictionary(r => r.Component, r => r.Text);

        Assert.Equal("12,400.00 overdue", texts[PriorityComponent.OverdueBalance]);
        Assert.Equal("oldest invoice 47 days past due", texts[PriorityComponent.DaysPastDue]);
        Assert.Equal("risk score 40 of 100", texts[PriorityComponent.Risk]);
        Assert.Equal("pays 18 days late on average; 40% of invoices paid late", texts[PriorityComponent.PaymentHistory]);
        Assert.Equal("orders 4.2 times a month", texts[PriorityComponent.OrderLeverage]);
        Assert.Equal("hard to reach: 60% of calls unanswered", texts[PriorityComponent.InteractionDifficulty]);
        Assert.Equal("low margin 8%", texts[PriorityComponent.LowMargin]);
        Assert.Equal("2 broken promises", texts[PriorityComponent.BrokenPromises]);
    }

    [Fact]
    public void SaysNoPaymentHistoryYetGivenMissingHistory()
    {
        var noHistory = Customer with { AvgDaysLate = double.NaN, LatePaymentShare = double.NaN, InteractionDifficulty = double.NaN };

        Assert.Equal("no payment history yet", ReasonText.For(PriorityComponent.PaymentHistory, noHistory));
        Assert.Equal("no calls in the last 90 days", ReasonText.For(PriorityComponent.InteractionDifficulty, noHistory));
    }

    [Fact]
    public void RanksByAbsoluteContributionGivenNegativeWeight()
    {
        var weights = RankingPolicy.OnlyWeights(overdueBalance: 0.1, interactionDifficulty: -0.5, brokenPromises: 0.05);
        var score = PriorityScorer.Score(Customer, weights, Scale);

        var reasons = PriorityScorer.Reasons(Customer, score);

        Assert.Equal(
            [PriorityComponent.InteractionDifficulty, PriorityComponent.OverdueBalance, PriorityComponent.BrokenPromises],
            reasons.Select(r => r.Component));
        Assert.Equal(-0.3, reasons[0].Contribution);
        Assert.Equal("interaction-difficulty", reasons[0].Name);
    }

    [Fact]
    public void LeavesOutComponentsThatContributeNothing()
    {
        var weights = RankingPolicy.OnlyWeights(daysPastDue: 0.5);
        var score = PriorityScorer.Score(Customer, weights, Scale);

        var reasons = PriorityScorer.Reasons(Customer, score);

        Assert.Equal([PriorityComponent.DaysPastDue], reasons.Select(r => r.Component));
    }

    [Fact]
    public void KeepsComponentOrderGivenEqualContributions()
    {
        var f = Customer with { RiskScore = 100, InteractionDifficulty = 1, MarginPct = 0 };
        var weights = RankingPolicy.OnlyWeights(risk: 0.1, interactionDifficulty: 0.1, lowMargin: 0.1);

        var reasons = PriorityScorer.Reasons(f, PriorityScorer.Score(f, weights, Scale), count: 2);

        Assert.Equal([PriorityComponent.Risk, PriorityComponent.InteractionDifficulty], reasons.Select(r => r.Component));
    }

    [Fact]
    public void UsesSingularsAndNotesDisputesInTheText()
    {
        var f = Customer with { DaysPastDueOldest = 1, BrokenPromises = 1, AvgDaysLate = 1, DisputedBalance = 400m };
        var texts = PriorityScorer.Reasons(f, PriorityScorer.Score(f, new RankingWeights(), Scale), count: 8)
            .ToDictionary(r => r.Component, r => r.Text);

        Assert.Equal("12,000.00 overdue net of 400.00 disputed", texts[PriorityComponent.OverdueBalance]);
        Assert.Equal("oldest invoice 1 day past due", texts[PriorityComponent.DaysPastDue]);
        Assert.Equal("1 broken promise", texts[PriorityComponent.BrokenPromises]);
        Assert.StartsWith("pays 1 day late on average", texts[PriorityComponent.PaymentHistory], StringComparison.Ordinal);
    }
}
