using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Policies;

public partial class PolicyLoaderLoad
{
    private static string WithStep(string step) => PolicyJson.With(root => root.Strategy(0)["steps"]!.AsArray().Add(PolicyJson.Node(step)));

    [Fact]
    public void RejectsDuplicateStrategyIds()
    {
        var result = PolicyLoader.Load(PolicyJson.With(root => root.Strategy(1)["id"] = "firm"));

        PolicyJson.HasError(result, "strategies[1].id", "duplicate strategy id 'firm' (first declared at strategies[0])");
    }

    [Fact]
    public void RejectsStepIdsGivenTwoDefaultIdsCollide() =>
        PolicyJson.SingleError(WithStep("""{ "day": 1, "action": "call", "contactRole": "cfo" }"""), "strategies[0].steps[1].id", "duplicate step id 'd1-call' (also strategies[0].steps[0])");

    [Fact]
    public void AcceptsSameDayStepsGivenExplicitIds() =>
        Assert.Equal(["d1-call", "cfo-call"], PolicyJson.LoadValid(WithStep("""{ "id": "cfo-call", "day": 1, "action": "call" }""")).Strategy("firm").Steps.Select(s => s.Id));

    [Fact]
    public void RejectsStrategyGivenNoSteps() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Strategy(0)["steps"] = PolicyJson.Node("[]")), "strategies[0].steps", "needs at least one step");

    [Theory]
    [InlineData(-366)]
    [InlineData(3651)]
    public void RejectsDayGivenOutOfRange(int day) =>
        PolicyJson.SingleError(WithStep($$"""{ "day": {{day}}, "action": "call" }"""), "strategies[0].steps[1].day", "must be between -365 and 3650");

    [Fact]
    public void RejectsDayGivenFraction() =>
        PolicyJson.SingleError(WithStep("""{ "day": 1.5, "action": "call" }"""), "strategies[0].steps[1].day", "expected a whole number, got 1.5");

    [Fact]
    public void SuggestsActionGivenMisspelledAction() =>
        PolicyJson.SingleError(WithStep("""{ "day": 2, "action": "emial", "template": "overdue" }"""), "strategies[0].steps[1].action", "unknown action 'emial', did you mean 'email'?");

    [Fact]
    public void ListsActionsGivenUnrelatedAction() =>
        PolicyJson.SingleError(WithStep("""{ "day": 2, "action": "sms" }"""), "strategies[0].steps[1].action", "unknown action 'sms'; expected one of: email, call, letter, escalate, agency");

    [Fact]
    public void SuggestsRoleGivenMisspelledContactRole() =>
        PolicyJson.SingleError(WithStep("""{ "day": 2, "action": "call", "contactRole": "ap-clrk" }"""), "strategies[0].steps[1].contactRole", "unknown contact role 'ap-clrk', did you mean 'ap-clerk'?");

    [Fact]
    public void SuggestsPropertyGivenMisspelledStepKey()
    {
        var result = PolicyLoader.Load(WithStep("""{ "day": 2, "action": "email", "tempalte": "overdue" }"""));

        PolicyJson.HasError(result, "strategies[0].steps[1].tempalte", "unknown property 'tempalte', did you mean 'template'?");
        PolicyJson.HasError(result, "strategies[0].steps[1].template", "is required for email steps");
    }

    [Theory]
    [InlineData("email")]
    [InlineData("letter")]
    public void RequiresTemplateGivenWrittenAction(string action) =>
        PolicyJson.SingleError(WithStep($$"""{ "day": 2, "action": "{{action}}" }"""), "strategies[0].steps[1].template", $"is required for {action} steps");

    [Fact]
    public void RejectsTemplateGivenCall() =>
        PolicyJson.SingleError(WithStep("""{ "day": 2, "action": "call", "template": "overdue" }"""), "strategies[0].steps[1].template", "is not allowed for call steps");

    [Theory]
    [InlineData("escalate")]
    [InlineData("agency")]
    public void RequiresAssigneeGivenHandOffAction(string action) =>
        PolicyJson.SingleError(WithStep($$"""{ "day": 20, "action": "{{action}}" }"""), "strategies[0].steps[1].to", $"is required for {action} steps");

    [Fact]
    public void RejectsAssigneeGivenEmail() =>
        PolicyJson.SingleError(WithStep("""{ "day": 2, "action": "email", "template": "overdue", "to": "sales" }"""), "strategies[0].steps[1].to", "is only for escalate and agency steps");

    [Fact]
    public void SuggestsTemplateGivenKnownTemplatesAndMisspelling()
    {
        var result = PolicyLoader.Load(PolicyJson.Minimal.Replace("\"overdue\"", "\"overdu\"", StringComparison.Ordinal), new PolicyLoadOptions { KnownTemplates = new HashSet<string> { "overdue", "firm" } });

        Assert.Equal("strategies[1].steps[0].template: unknown template 'overdu', did you mean 'overdue'?", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void RefusesStatmentOfAccountSuggestingStatementGivenTheShippedTemplates()
    {
        var shipped = new HashSet<string> { "final", "firm", "overdue", "statement", "upcoming" };

        var result = PolicyLoader.Load(PolicyJson.Minimal.Replace("\"overdue\"", "\"statment-of-account\"", StringComparison.Ordinal), new PolicyLoadOptions { KnownTemplates = shipped });

        Assert.Equal("strategies[1].steps[0].template: unknown template 'statment-of-account', did you mean 'statement'?", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void AcceptsAnyTemplateGivenNoKnownTemplates() =>
        Assert.Equal("anything", PolicyJson.LoadValid(PolicyJson.Minimal.Replace("\"overdue\"", "\"anything\"", StringComparison.Ordinal)).Strategy("standard").Steps[0].Template);

    [Fact]
    public void SortsStepsByDayKeepingDocumentOrderForTies()
    {
        var json = PolicyJson.With(root => root.Strategy(0)["steps"] = PolicyJson.Node("""
            [ { "day": 10, "action": "escalate", "to": "x" }, { "id": "b", "day": 1, "action": "call" },
              { "day": -5, "action": "email", "template": "upcoming" }, { "id": "a", "day": 1, "action": "call" } ]
            """));

        Assert.Equal(["d-5-email", "b", "a", "d10-escalate"], PolicyJson.LoadValid(json).Strategy("firm").Steps.Select(s => s.Id));
    }

    [Fact]
    public void ReadsEveryStepField()
    {
        var json = WithStep("""{ "id": "final", "day": 30, "action": "letter", "template": "final", "contactRole": "cfo", "when": { "field": "openBalance", "op": ">", "value": 1000 } }""");

        var step = PolicyJson.LoadValid(json).Strategy("firm").Steps[1];

        Assert.Equal(("final", 30, StepAction.Letter, "final", ContactRole.Cfo, "openBalance > 1000"), (step.Id, step.Day, step.Action, step.Template, step.ContactRole, step.When?.ToString()));
    }

    [Fact]
    public void ReadsBusinessDayCounting() =>
        Assert.Equal(DayCounting.Business, PolicyJson.LoadValid(PolicyJson.With(root => root.Strategy(0)["days"] = "business")).Strategy("firm").DayCounting);

    [Fact]
    public void SuggestsDayCountingGivenMisspelling() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Strategy(0)["days"] = "bussiness"), "strategies[0].days", "unknown day counting 'bussiness', did you mean 'business'?");
}
