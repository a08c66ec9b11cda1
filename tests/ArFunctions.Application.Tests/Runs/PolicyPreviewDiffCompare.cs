using ArFunctions.Application.Runs;

namespace ArFunctions.Application.Tests.Runs;

public class PolicyPreviewDiffCompare
{
    private static DryRunAction Email(string customer, string template = "overdue", string? role = "ap-clerk", string steps = "I1:d5", string invoices = "I1") =>
        new($"20261123-{customer}-email", "email", customer, template, invoices.Split(','), role, null, steps.Split(','));

    private static DryRunAction Call(string customer, string? role = "ap-clerk", string steps = "I1:d1") =>
        new($"20261123-{customer}-call", "call", customer, null, ["I1"], role, null, steps.Split(','));

    private static DryRunAction Escalation(string customer, string team) =>
        new($"20261123-{customer}-escalation-{team}", "escalation", customer, null, ["I1"], null, team, ["I1:d10"]);

    private static CustomerDay Day(string customer, string segment, params DryRunAction[] actions) => new(customer, segment, actions);

    [Fact]
    public void FindsNoDifferenceGivenTheSameDayUnderBothPolicies()
    {
        var day = new[] { Day("A", "standard", Email("A"), Call("A")), Day("B", "standard") };

        Assert.Empty(PolicyPreviewDiff.Compare(day, day));
    }

    [Fact]
    public void ListsAddedAndRemovedActionsGivenADraftThatSendsAnEmailInsteadOfACall()
    {
        var inForce = new[] { Day("A", "standard", Call("A")) };
        var draft = new[] { Day("A", "standard", Email("A", steps: "I1:d2")) };

        var difference = Assert.Single(PolicyPreviewDiff.Compare(inForce, draft));

        Assert.Equal("A", difference.CustomerId);
        Assert.Equal("20261123-A-email", Assert.Single(difference.Added).ActionId);
        Assert.Equal("20261123-A-call", Assert.Single(difference.Removed).ActionId);
        Assert.Empty(difference.Changed);
        Assert.Equal(("standard", "standard"), (difference.SegmentInForce, difference.SegmentDraft));
    }

    [Fact]
    public void NamesEveryChangedFieldGivenTheSameActionWithAnotherTemplateRoleInvoicesAndSteps()
    {
        var inForce = new[] { Day("A", "standard", Email("A")) };
        var draft = new[] { Day("A", "standard", Email("A", template: "firm", role: "controller", steps: "I1:d5,I2:d6", invoices: "I1,I2")) };

        var change = Assert.Single(Assert.Single(PolicyPreviewDiff.Compare(inForce, draft)).Changed);

        Assert.Equal("20261123-A-email", change.ActionId);
        Assert.Equal(["template", "contactRole", "invoices", "steps"], change.Fields);
        Assert.Equal(("overdue", "firm"), (change.InForce.Template, change.Draft.Template));
    }

    [Fact]
    public void NamesOnlyTheTemplateGivenOnlyTheTemplateChanged()
    {
        var inForce = new[] { Day("A", "high-risk", Email("A")) };
        var draft = new[] { Day("A", "high-risk", Email("A", template: "final")) };

        Assert.Equal(["template"], Assert.Single(Assert.Single(PolicyPreviewDiff.Compare(inForce, draft)).Changed).Fields);
    }

    [Fact]
    public void ListsACustomerGivenOnlyItsSegmentMoved()
    {
        var inForce = new[] { Day("A", "standard", Email("A")) };
        var draft = new[] { Day("A", "high-risk", Email("A")) };

        var difference = Assert.Single(PolicyPreviewDiff.Compare(inForce, draft));

        Assert.Equal(("standard", "high-risk"), (difference.SegmentInForce, difference.SegmentDraft));
        Assert.Empty(difference.Added);
        Assert.Empty(difference.Removed);
        Assert.Empty(difference.Changed);
    }

    [Fact]
    public void TellsInternalTasksApartByTeamGivenAnEscalationMovedToAnotherTeam()
    {
        var inForce = new[] { Day("A", "standard", Escalation("A", "collections-manager")) };
        var draft = new[] { Day("A", "standard", Escalation("A", "legal")) };

        var difference = Assert.Single(PolicyPreviewDiff.Compare(inForce, draft));

        Assert.Equal("legal", Assert.Single(difference.Added).AssignTo);
        Assert.Equal("collections-manager", Assert.Single(difference.Removed).AssignTo);
    }

    [Fact]
    public void ShowsTheMissingSideAsNoSegmentGivenACustomerEvaluatedUnderOnlyOnePolicy()
    {
        var inForce = new[] { Day("A", "standard") };
        var draft = new[] { Day("A", "standard"), Day("B", "standard", Call("B")) };

        var difference = Assert.Single(PolicyPreviewDiff.Compare(inForce, draft));

        Assert.Equal(("B", null, "standard"), (difference.CustomerId, difference.SegmentInForce, difference.SegmentDraft));
        Assert.Single(difference.Added);
    }
}
