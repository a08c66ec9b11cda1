using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.PlannerPolicyBuilder;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>A baseline day: the customer's first run, where a ladder already under way must not speak as if it had been.</summary>
public partial class DunningPlannerPlan
{
    private static readonly Strategy FullLadder = Ladder(
        Email("upcoming", -3, "upcoming"),
        Email("reminder", 1, "overdue"),
        Email("firm", 15, "firm"),
        new StrategyStep("final", 30, StepAction.Letter, "final", ContactRole.Cfo),
        Escalate("escalate", 45));

    private static readonly Invoice Overdue40 = A.Invoice("I1", A.Today.AddDays(-40));

    [Fact]
    public void SendsTheCurrentStepAsAFirstContactGivenABaselineDay()
    {
        var plan = DunningPlanner.Plan(Input(Policy(FullLadder), Overdue40) with { IsBaseline = true });

        var letter = Assert.Single(plan.Actions);
        Assert.Equal((ActionKind.Letter, "overdue"), (letter.Kind, letter.Template));
        Assert.Equal(
            ["I1|v1|final Fired", "I1|v1|firm Skipped baseline", "I1|v1|reminder Skipped baseline", "I1|v1|upcoming Skipped baseline"],
            Describe(plan));
    }

    [Fact]
    public void SendsTheStepsOwnTemplateGivenTheSameLadderOnAnOrdinaryDay()
    {
        var plan = DunningPlanner.Plan(Input(Policy(FullLadder), Overdue40));

        Assert.Equal("final", Assert.Single(plan.Actions).Template);
        Assert.Contains("I1|v1|firm Skipped superseded", Describe(plan));
    }

    [Fact]
    public void KeepsTheTemplateGivenTheLaddersFirstStepAfterTheDueDateOnABaselineDay()
    {
        var plan = DunningPlanner.Plan(Input(Policy(FullLadder), A.Invoice("I1", Today.AddDays(-5))) with { IsBaseline = true });

        Assert.Equal("overdue", Assert.Single(plan.Actions).Template);
        Assert.Equal(["I1|v1|reminder Fired", "I1|v1|upcoming Skipped baseline"], Describe(plan));
    }

    [Fact]
    public void KeepsTheTemplateGivenAStepBeforeTheDueDateOnABaselineDay()
    {
        var plan = DunningPlanner.Plan(Input(Policy(FullLadder), A.Invoice("I1", Today.AddDays(2))) with { IsBaseline = true });

        Assert.Equal("upcoming", Assert.Single(plan.Actions).Template);
    }

    [Fact]
    public void UsesThePolicysFirstContactTemplateGivenOneIsNamed()
    {
        var policy = Policy(FullLadder);
        policy = new CollectionPolicy(
            policy.Version, policy.Currency, policy.Calendar, policy.Segments, policy.Strategies, policy.DisputeCategories, policy.Hysteresis,
            policy.Contact, policy.Promises, policy.Worklist, policy.Ranking, policy.MinimumBalance)
        {
            Baseline = new BaselineSettings("statement", new HashSet<DateOnly>()),
        };

        var plan = DunningPlanner.Plan(Input(policy, A.Invoice("I1", Today.AddDays(-20))) with { IsBaseline = true });

        Assert.Equal(("statement", ActionKind.Email), (Assert.Single(plan.Actions).Template, plan.Actions[0].Kind));
    }

    [Fact]
    public void FiresTheNextStepOnItsDayGivenTheBaselineWasRecorded()
    {
        var input = Input(Policy(FullLadder), Overdue40) with { IsBaseline = true };
        var first = DunningPlanner.Plan(input);

        var next = DunningPlanner.Plan(input.NextDay(first, days: 5) with { IsBaseline = false });

        var escalation = Assert.Single(next.Actions);
        Assert.Equal(ActionKind.Escalation, escalation.Kind);
        Assert.Equal(["I1|v1|escalate Fired"], Describe(next));
    }
}
