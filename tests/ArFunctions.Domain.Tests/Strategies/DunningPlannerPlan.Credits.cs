using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.PlannerPolicyBuilder;

namespace ArFunctions.Domain.Tests.Strategies;

/// <summary>Credits allocated before the planner decides: what they cover is not chased.</summary>
public partial class DunningPlannerPlan
{
    [Fact]
    public void HoldsBackTheInvoiceGivenCreditCoversIt()
    {
        var input = WithCredits(Input(Policy(Ladder(Email("e1", 1), Call("c5", 5))), Overdue10), A.Credit("CM-1", 1000m));

        var plan = DunningPlanner.Plan(input);

        Assert.True(plan.IsEmpty);
        Assert.Equal([new PlanNote(PlanNoteKind.CoveredByCredit, Overdue10.Id)], plan.Notes);
    }

    [Fact]
    public void ChasesOnlyTheUncoveredInvoiceGivenCreditCoversTheOldest()
    {
        var newer = A.Invoice("I2", Today.AddDays(-3));
        var input = WithCredits(Input(Policy(Ladder(Email("e1", 1))), Overdue10, newer), A.Credit("CM-1", 1000m));

        var plan = DunningPlanner.Plan(input);

        Assert.Equal(["I2"], Assert.Single(plan.Actions).Invoices.Select(i => i.Value));
        Assert.Equal([new PlanNote(PlanNoteKind.CoveredByCredit, Overdue10.Id)], plan.Notes);
    }

    [Fact]
    public void ChasesTheInvoiceGivenCreditCoversPartOfIt()
    {
        var input = WithCredits(Input(Policy(Ladder(Email("e1", 1))), Overdue10), A.Credit("CM-1", 400m));

        var plan = DunningPlanner.Plan(input);

        Assert.Equal(ActionKind.Email, Assert.Single(plan.Actions).Kind);
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public void HoldsBackTheCustomerGivenCreditsBringTheBalanceBelowTheMinimum()
    {
        var input = WithCredits(Input(Policy(Ladder(Email("e1", 1)), minimumBalance: 700m), Overdue10), A.Credit("CM-1", 400m));

        var plan = DunningPlanner.Plan(input);

        Assert.True(plan.IsEmpty);
        Assert.Equal([new PlanNote(PlanNoteKind.CoveredByCredit)], plan.Notes);
    }

    [Fact]
    public void ChasesGivenCreditInAnotherCurrency()
    {
        var input = WithCredits(Input(Policy(Ladder(Email("e1", 1))), Overdue10), A.Credit("CM-EUR", 5000m, currency: A.Eur));

        Assert.Single(DunningPlanner.Plan(input).Actions);
    }

    private static PlanningInput WithCredits(PlanningInput input, params Credit[] credits) =>
        input with { Credits = CreditAllocation.Allocate([.. input.OpenInvoices], credits, input.AsOf) };
}
