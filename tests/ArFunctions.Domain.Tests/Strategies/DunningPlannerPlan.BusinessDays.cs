using ArFunctions.Domain.Common;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.PlannerPolicyBuilder;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>
/// Business-day contact (<c>contactOnBusinessDaysOnly</c>) across a holiday weekend: Christmas Day 2026 is a Friday
/// holiday, so Friday 12-25 to Sunday 12-27 are not business days and Monday 12-28 is the next one.
/// </summary>
public class DunningPlannerPlanBusinessDays
{
    private static readonly DateOnly ChristmasFriday = new(2026, 12, 25);
    private static readonly DateOnly Saturday = new(2026, 12, 26);
    private static readonly DateOnly Monday = new(2026, 12, 28);
    private static readonly BusinessCalendar Calendar = new([DayOfWeek.Saturday, DayOfWeek.Sunday], [ChristmasFriday]);

    // Due 12-20, so the day-5 email falls due on Christmas Day.
    private static readonly Invoice Invoice = A.Invoice("I1", new DateOnly(2026, 12, 20));

    [Fact]
    public void HoldsTheEmailOverTheHolidayWeekendThenFiresItOnceOnTheNextBusinessDay()
    {
        var input = On(ChristmasFriday, Policy(Ladder(Email("e5", 5)), calendar: Calendar, contactOnBusinessDaysOnly: true));

        var friday = DunningPlanner.Plan(input);
        var saturday = DunningPlanner.Plan(input.NextDay(friday));
        var sunday = DunningPlanner.Plan(input.NextDay(friday, 2));
        var monday = DunningPlanner.Plan(input.NextDay(friday, 3));
        var tuesday = DunningPlanner.Plan(input.NextDay(friday, 3).NextDay(monday));

        foreach (var held in new[] { friday, saturday, sunday })
        {
            Assert.Empty(held.Actions);
            Assert.Empty(held.LedgerWrites);
            Assert.Equal([new PlanNote(PlanNoteKind.NotBusinessDay, Invoice.Id, "e5")], held.Notes);
        }

        var email = Assert.Single(monday.Actions);
        Assert.Equal((ActionKind.Email, "20261228-C001-email"), (email.Kind, email.ActionId));
        Assert.Equal(("e5", LedgerOutcome.Fired, Monday), (Assert.Single(monday.LedgerWrites).StepId, monday.LedgerWrites[0].Outcome, monday.LedgerWrites[0].On));
        Assert.True(tuesday.IsEmpty);
    }

    [Fact]
    public void FiresOnTheNextBusinessDayGivenNoRunOverTheWeekend()
    {
        var plan = DunningPlanner.Plan(On(Monday, Policy(Ladder(Email("e5", 5)), calendar: Calendar, contactOnBusinessDaysOnly: true)));

        Assert.Equal(ActionKind.Email, Assert.Single(plan.Actions).Kind);
        Assert.Empty(plan.Notes);
    }

    [Theory]
    [InlineData(StepAction.Call)]
    [InlineData(StepAction.Letter)]
    public void HoldsCallsAndLettersGivenAHoliday(StepAction action)
    {
        var step = action == StepAction.Call ? Call("s5", 5) : Letter("s5", 5);

        var plan = DunningPlanner.Plan(On(ChristmasFriday, Policy(Ladder(step), calendar: Calendar, contactOnBusinessDaysOnly: true)));

        Assert.Empty(plan.Actions);
        Assert.Equal(PlanNoteKind.NotBusinessDay, Assert.Single(plan.Notes).Kind);
    }

    [Fact]
    public void FiresInternalEscalationsGivenAHoliday()
    {
        var plan = DunningPlanner.Plan(On(ChristmasFriday, Policy(Ladder(Escalate("x5", 5)), calendar: Calendar, contactOnBusinessDaysOnly: true)));

        Assert.Equal(ActionKind.Escalation, Assert.Single(plan.Actions).Kind);
    }

    [Fact]
    public void ContactsOnAHolidayGivenTheSwitchOff()
    {
        var plan = DunningPlanner.Plan(On(Saturday, Policy(Ladder(Email("e5", 5)), calendar: Calendar)));

        Assert.Equal(ActionKind.Email, Assert.Single(plan.Actions).Kind);
    }

    [Fact]
    public void SupersedesTheHeldStepGivenALaterStepDueByTheNextBusinessDay()
    {
        var input = On(ChristmasFriday, Policy(Ladder(Email("e5", 5), Call("c8", 8)), calendar: Calendar, contactOnBusinessDaysOnly: true));

        var friday = DunningPlanner.Plan(input);
        var monday = DunningPlanner.Plan(input.NextDay(friday, 3));

        Assert.Equal(ActionKind.Call, Assert.Single(monday.Actions).Kind);
        Assert.Equal(
            [("c8", LedgerOutcome.Fired, (string?)null), ("e5", LedgerOutcome.Skipped, SkipReason.Superseded)],
            monday.LedgerWrites.Select(w => (w.StepId, w.Outcome, w.Reason)));
    }

    [Fact]
    public void SaysTheStepWaitedForABusinessDayInTheDecision()
    {
        var plan = DunningPlanner.Plan(On(ChristmasFriday, Policy(Ladder(Email("e5", 5)), calendar: Calendar, contactOnBusinessDaysOnly: true)));
        var state = new SegmentState("standard", ChristmasFriday, null, 0, ChristmasFriday);
        var segment = new SegmentAssignment("standard", "standard", "default", false, "standard", [], null, state);

        var decision = DayDecision.Of(A.Customer().Id, ChristmasFriday, new CustomerDecision(segment, plan))!;

        Assert.Equal(new NotFiredStep(NotFiredReason.NotBusinessDay, Invoice.Id, "e5"), Assert.Single(decision.NotFired));
    }

    private static PlanningInput On(DateOnly day, CollectionPolicy policy) => Input(policy, Invoice) with { AsOf = day };
}
