using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.PlannerPolicyBuilder;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>Consolidation, contact choice, the weekly contact cap and determinism.</summary>
public partial class DunningPlannerPlan
{
    private static readonly Contact PhoneOnlyController = new("Cam Controller", ContactRole.Controller, null, "+1 555 0101");
    private static readonly Contact EmailOnlyClerk = new("Pat Clerk", ContactRole.ApClerk, "pat@example.com", null);

    [Fact]
    public void SendsOneEmailWithMostAdvancedTemplateGivenSeveralInvoicesDue()
    {
        var policy = Policy(Ladder(Email("gentle", 1), Email("firm", 5)));

        var plan = DunningPlanner.Plan(Input(policy, A.Invoice("I2", Today.AddDays(-1)), A.Invoice("I1", Today.AddDays(-6))));

        var email = Assert.Single(plan.Actions);
        Assert.Equal(("firm", "20261123-C001-email"), (email.Template, email.ActionId));
        Assert.Equal(["I1", "I2"], email.Invoices.Select(i => i.Value));
        Assert.Equal(["I1|v1|firm", "I2|v1|gentle"], email.Steps.Select(s => s.RowKey));
    }

    [Fact]
    public void CreatesOneTaskPerAssigneeGivenSeveralEscalations()
    {
        var policy = Policy(Ladder(Escalate("x10", 10, "team-a"), Escalate("x20", 20, "team-b")));
        var invoices = new[] { A.Invoice("I1", Today.AddDays(-10)), A.Invoice("I2", Today.AddDays(-20)), A.Invoice("I3", Today.AddDays(-12)) };

        var plan = DunningPlanner.Plan(Input(policy, invoices));

        Assert.Equal(
            ["20261123-C001-escalation-team-a: I1 I3", "20261123-C001-escalation-team-b: I2"],
            plan.Actions.Select(a => a.ActionId + ": " + string.Join(' ', a.Invoices.Select(i => i.Value))));
        Assert.All(plan.Actions, a => Assert.Null(a.Contact));
    }

    [Fact]
    public void AddressesStepRoleGivenStepNamesRole()
    {
        var plan = DunningPlanner.Plan(Input(Policy(Ladder(Email("e1", 1, role: ContactRole.Controller))), Overdue10));

        Assert.Equal("Cam Controller", Assert.Single(plan.Actions).Contact?.Name);
    }

    [Fact]
    public void AddressesFirstFallbackRoleGivenStepNamesNone()
    {
        var policy = Policy(Ladder(Email("e1", 1)), fallbackOrder: [ContactRole.Controller, ContactRole.ApClerk]);

        Assert.Equal("Cam Controller", Assert.Single(DunningPlanner.Plan(Input(policy, Overdue10)).Actions).Contact?.Name);
    }

    [Fact]
    public void WalksFallbackOrderGivenRoleWithoutEmail()
    {
        var cfo = new Contact("Chris Cfo", ContactRole.Cfo, "cfo@example.com", null);
        var input = Input(Policy(Ladder(Email("e1", 1, role: ContactRole.Controller)), fallbackOrder: [ContactRole.Cfo, ContactRole.ApClerk]), Overdue10)
            with { Customer = A.Customer() with { Contacts = [EmailOnlyClerk, PhoneOnlyController, cfo] } };

        Assert.Equal("Chris Cfo", Assert.Single(DunningPlanner.Plan(input).Actions).Contact?.Name);
    }

    [Fact]
    public void AddressesAnyUsableContactGivenNoRoleInFallbackOrderUsable()
    {
        var other = new Contact("Olly Other", ContactRole.Other, null, "+1 555 0199");
        var input = Input(Policy(Ladder(Call("c1", 1)), fallbackOrder: [ContactRole.ApClerk]), Overdue10)
            with { Customer = A.Customer() with { Contacts = [EmailOnlyClerk, other] } };

        Assert.Equal("Olly Other", Assert.Single(DunningPlanner.Plan(input).Actions).Contact?.Name);
    }

    [Fact]
    public void SendsLetterGivenContactWithoutEmail()
    {
        var input = Input(Policy(Ladder(Letter("demand", 1))), Overdue10) with { Customer = A.Customer() with { Contacts = [PhoneOnlyController] } };

        var letter = Assert.Single(DunningPlanner.Plan(input).Actions);

        Assert.Equal((ActionKind.Letter, "Cam Controller"), (letter.Kind, letter.Contact?.Name));
    }

    [Fact]
    public void SkipsStepAndAsksCollectorGivenNoUsableContact()
    {
        var input = Input(Policy(Ladder(Email("e1", 1))), Overdue10) with { Customer = A.Customer() with { Contacts = [PhoneOnlyController] } };

        var plan = DunningPlanner.Plan(input);

        var task = Assert.Single(plan.Actions);
        Assert.Equal((ActionKind.Escalation, "alice", DunningPlanner.NoContactTemplate), (task.Kind, task.AssignTo, task.Template));
        Assert.Equal(["I1|v1|e1 Skipped no-contact"], Describe(plan));
        Assert.Equal([new PlanNote(PlanNoteKind.NoContact, Overdue10.Id, "e1")], plan.Notes);
        Assert.Same(CustomerPlan.Nothing, DunningPlanner.Plan(input.NextDay(plan)));
    }

    [Fact]
    public void AsksManagerGivenNoContactAndUnassignedAccount()
    {
        var input = Input(Policy(Ladder(Call("c1", 1))), Overdue10) with { Customer = A.Customer() with { Contacts = [], AssignedCollector = null } };

        Assert.Equal(DunningPlanner.UnassignedOwner, Assert.Single(DunningPlanner.Plan(input).Actions).AssignTo);
    }

    [Fact]
    public void DefersLessAdvancedContactGivenWeeklyCapReached()
    {
        var policy = Policy(Ladder(Call("c3", 3), Email("e5", 5)), contactCap: 3);
        var input = Input(policy, A.Invoice("I1", Today.AddDays(-3)), A.Invoice("I2", Today.AddDays(-5))) with { ContactsInLast6Days = 2 };

        var plan = DunningPlanner.Plan(input);
        var tomorrow = DunningPlanner.Plan(input.NextDay(plan) with { ContactsInLast6Days = 2 });

        Assert.Equal(ActionKind.Email, Assert.Single(plan.Actions).Kind);
        Assert.Equal(["I2|v1|c3 Skipped superseded", "I2|v1|e5 Fired"], Describe(plan));
        Assert.Equal([new PlanNote(PlanNoteKind.DeferredByContactCap, new("I1"), "c3")], plan.Notes);
        Assert.Equal(ActionKind.Call, Assert.Single(tomorrow.Actions).Kind);
    }

    [Fact]
    public void KeepsCallGivenCapAndStepsOfTheSameDay()
    {
        var policy = Policy(Ladder(Email("e5", 5), Call("c5", 5), Letter("l5", 5)), contactCap: 3);

        var plan = DunningPlanner.Plan(Input(policy, A.Invoice("I1", Today.AddDays(-5))) with { ContactsInLast6Days = 1 });

        Assert.Equal([ActionKind.Email, ActionKind.Call], plan.Actions.Select(a => a.Kind));
    }

    [Fact]
    public void RecordsNothingGivenCapFullAndOnlyContactsDue()
    {
        var input = Input(Policy(Ladder(Email("e1", 1), Email("e5", 5)), contactCap: 3), Overdue10) with { ContactsInLast6Days = 3 };

        var plan = DunningPlanner.Plan(input);

        Assert.True(plan.IsEmpty);
        Assert.Equal([new PlanNote(PlanNoteKind.DeferredByContactCap, Overdue10.Id, "e5")], plan.Notes);
    }

    [Fact]
    public void NeverCapsInternalActionsGivenCapFull()
    {
        var input = Input(Policy(Ladder(Email("e1", 1), Agency("agency", 10))), Overdue10) with { ContactsInLast6Days = 5 };

        var plan = DunningPlanner.Plan(input);

        Assert.Equal(ActionKind.Agency, Assert.Single(plan.Actions).Kind);
        Assert.Equal(["I1|v1|agency Fired", "I1|v1|e1 Skipped superseded"], Describe(plan));
    }

    [Fact]
    public void ProducesSameOrderGivenInvoicesInAnyOrder()
    {
        var policy = Policy(Ladder(Email("e1", 1), Call("c3", 3), Escalate("x10", 10), Agency("a30", 30)));
        var invoices = new[] { 1, 3, 10, 30, 12, 4 }.Select(d => A.Invoice($"I{d:00}", Today.AddDays(-d))).ToArray();

        var forward = DunningPlanner.Plan(Input(policy, invoices));
        var backward = DunningPlanner.Plan(Input(policy, [.. invoices.Reverse()]));

        Assert.Equal([ActionKind.Email, ActionKind.Call, ActionKind.Escalation, ActionKind.Agency], forward.Actions.Select(a => a.Kind));
        Assert.Equal(Summary(forward), Summary(backward));
        Assert.Equal(Describe(forward), Describe(backward));
    }

    private static string[] Summary(CustomerPlan plan) =>
        plan.Actions.Select(a => $"{a.ActionId} {a.Template} {a.Contact?.Name} {string.Join(',', a.Steps)}").ToArray();
}
