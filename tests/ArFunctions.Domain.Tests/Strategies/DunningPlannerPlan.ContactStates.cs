using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.PlannerPolicyBuilder;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>Contact states: emails skip a bounced, suppressed or opted-out address, and the decision log says why.</summary>
public partial class DunningPlannerPlan
{
    private static readonly DateTimeOffset BouncedAt = new(2026, 11, 20, 9, 5, 0, TimeSpan.Zero);

    private static ContactState Bounced(string address) =>
        new ContactState(address) { Unusable = new ContactUnusable(UnusableStatus.Bounced, BouncedAt, "20261119-C001-email"), LastReportAt = BouncedAt };

    private static ContactState OptedOut(string address) =>
        new ContactState(address) { OptedOut = new ContactOptOut(BouncedAt, "portal") };

    [Fact]
    public void EmailsNextContactWithReasonGivenFirstChoiceBounced()
    {
        var input = Input(Policy(Ladder(Email("e1", 1))), Overdue10) with { ContactStates = [Bounced(" PAT@example.com")] };

        var plan = DunningPlanner.Plan(input);

        var email = Assert.Single(plan.Actions);
        Assert.Equal((ActionKind.Email, "Cam Controller"), (email.Kind, email.Contact?.Name));
        var note = Assert.Single(plan.Notes);
        Assert.Equal(new PlanNote(PlanNoteKind.ContactBlocked, Overdue10.Id, "e1", "Pat Clerk (ap-clerk): email bounced on 2026-11-20; the email went to Cam Controller (controller)"), note);
        var decision = DayDecision.Of(input.Customer.Id, Today, new CustomerDecision(Stay, plan))!;
        Assert.Equal(note.Detail, Assert.Single(decision.Fired).Rerouted);
        Assert.Empty(decision.NotFired);
    }

    [Fact]
    public void EmailsNextContactGivenFirstChoiceOptedOut()
    {
        var input = Input(Policy(Ladder(Email("e1", 1))), Overdue10) with { ContactStates = [OptedOut("pat@example.com")] };

        var plan = DunningPlanner.Plan(input);

        Assert.Equal("Cam Controller", Assert.Single(plan.Actions).Contact?.Name);
        Assert.Contains("Pat Clerk (ap-clerk): opted out of email on 2026-11-20", Assert.Single(plan.Notes).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void CallsInsteadGivenNoContactTakesEmailAndStrategyCalls()
    {
        var policy = Policy(Ladder(Call("c1", 1), Email("e5", 5)));
        var input = Input(policy, A.Invoice("I1", Today.AddDays(-5))) with
        {
            Ledger = [Fired("I1", "c1")],
            ContactStates = [Bounced("pat@example.com"), OptedOut("cam@example.com")],
        };

        var plan = DunningPlanner.Plan(input);

        var call = Assert.Single(plan.Actions);
        Assert.Equal((ActionKind.Call, "20261123-C001-call"), (call.Kind, call.ActionId));
        Assert.Equal(["I1|v1|e5"], call.Steps.Select(s => s.RowKey));
        Assert.Equal(["I1|v1|e5 Fired"], Describe(plan));
        Assert.EndsWith("no other contact takes email; a call instead", Assert.Single(plan.Notes).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void SkipsStepWithReasonGivenNoContactTakesEmailAndNoOtherChannel()
    {
        var input = Input(Policy(Ladder(Email("e1", 1))), Overdue10) with { ContactStates = [Bounced("pat@example.com"), Bounced("cam@example.com")] };

        var plan = DunningPlanner.Plan(input);

        Assert.Equal((ActionKind.Escalation, DunningPlanner.NoContactTemplate), (Assert.Single(plan.Actions).Kind, plan.Actions[0].Template));
        Assert.Equal(["I1|v1|e1 Skipped no-contact"], Describe(plan));
        var decision = DayDecision.Of(input.Customer.Id, Today, new CustomerDecision(Stay, plan))!;
        var skipped = Assert.Single(decision.NotFired);
        Assert.Equal(NotFiredReason.NoContact, skipped.Reason);
        Assert.Equal("Pat Clerk (ap-clerk): email bounced on 2026-11-20; Cam Controller (controller): email bounced on 2026-11-20; no other contact takes email and the strategy has no other channel", skipped.Detail);
    }

    [Fact]
    public void IgnoresStatesGivenCall()
    {
        var input = Input(Policy(Ladder(Call("c1", 1))), Overdue10) with { ContactStates = [Bounced("pat@example.com"), OptedOut("cam@example.com")] };

        var plan = DunningPlanner.Plan(input);

        Assert.Equal((ActionKind.Call, "Pat Clerk"), (Assert.Single(plan.Actions).Kind, plan.Actions[0].Contact?.Name));
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void EmailsFirstChoiceGivenItsAddressWasCorrected()
    {
        var input = Input(Policy(Ladder(Email("e1", 1))), Overdue10) with { ContactStates = [Bounced("pat@old.example")] };

        Assert.Equal("Pat Clerk", Assert.Single(DunningPlanner.Plan(input).Actions).Contact?.Name);
    }

    private static SegmentAssignment Stay => new("standard", "standard", "default", false, "standard", [], null, new SegmentState("standard", Today, null, 0, Today));
}
