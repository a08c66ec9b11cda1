using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Policies;

public partial class PolicyLoaderLoad
{
    private static readonly HashSet<string> SampleTemplates = ["upcoming", "overdue", "firm", "final", "statement"];

    [Fact]
    public void LoadsSampleGivenShippedSampleFile()
    {
        var policy = PolicyJson.LoadValid(File.ReadAllText(PolicyJson.SamplePath), new PolicyLoadOptions { KnownTemplates = SampleTemplates });

        Assert.Equal(["key-accounts", "high-risk", "standard"], policy.Segments.Select(s => s.Id));
        Assert.Equal("standard", policy.DefaultSegment.Id);
        Assert.Equal("balanceRank <= 20", policy.Segment("key-accounts").When!.ToString());
        Assert.Equal(("personal", 1, "key-accounts"), (policy.Segments[0].StrategyId, policy.Segments[0].Strictness, policy.Segments[0].Team));
        Assert.Equal(("firm", 2), (policy.Segments[1].StrategyId, policy.Segments[1].Strictness));
        Assert.Equal(
            "(riskScore >= 70 or avgDaysLate > 15 or brokenPromises >= 2 or riskClass >= high)",
            policy.Segment("high-risk").When!.ToString());
        Assert.Equal(DayCounting.Business, policy.Strategy("personal").DayCounting);
        Assert.Equal(5, policy.DisputeCategories.Count);
        Assert.True(policy.TryGetDisputeCategory("chargeback", out var chargeback));
        Assert.Equal(("finance", 30), (chargeback.Owner, chargeback.SlaDays));
        Assert.Equal(["alice", "bob", "carol", "dave", "erin"], policy.Worklist.Collectors.Select(c => c.Id));
        Assert.Contains(new DateOnly(2026, 11, 26), policy.Calendar.Holidays);
    }

    [Fact]
    public void SendsPreDueReminderToCheckOrPaperCustomersGivenSampleStandardLadder()
    {
        var policy = PolicyJson.LoadValid(File.ReadAllText(PolicyJson.SamplePath));
        var standard = policy.Strategy("standard");
        var reminder = standard.Steps[0];

        Assert.Equal((-5, StepAction.Email, "upcoming"), (reminder.Day, reminder.Action, reminder.Template));
        Assert.True(reminder.When!.IsSatisfiedBy(A.Features() with { PaymentMethod = PaymentMethod.Check }));
        Assert.True(reminder.When!.IsSatisfiedBy(A.Features() with { InvoicingMode = InvoicingMode.Paper }));
        Assert.False(reminder.When!.IsSatisfiedBy(A.Features()));
        Assert.Equal([1, 3], standard.Steps.Where(s => s.Action == StepAction.Call).Select(s => s.Day));
        Assert.Contains(standard.Steps, s => s is { Action: StepAction.Agency, Day: 90 });
        Assert.Contains(policy.Strategy("firm").Steps, s => s is { Action: StepAction.Agency, Day: 60 });
    }

    [Fact]
    public void ReportsSampleTemplatesMissingGivenSmallerCatalogue()
    {
        var result = PolicyLoader.Load(File.ReadAllText(PolicyJson.SamplePath), new PolicyLoadOptions { KnownTemplates = new HashSet<string> { "upcoming", "overdue", "firm", "final" } });

        PolicyJson.HasError(result, "strategies[0].steps[3].template", "unknown template 'statement'");
    }

    [Fact]
    public void AppliesDefaultsGivenMinimalPolicy()
    {
        var policy = PolicyJson.LoadValid(PolicyJson.Minimal);

        Assert.Equal("unversioned", policy.Version);
        Assert.Equal(new CurrencyCode("USD"), policy.Currency.BaseCurrency);
        Assert.Empty(policy.Currency.Rates);
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], policy.Calendar.Weekend);
        Assert.Empty(policy.Calendar.Holidays);
        Assert.Empty(policy.DisputeCategories);
        Assert.Equal(7, policy.Hysteresis.DaysToRelax);
        Assert.Equal(3, policy.Contact.PerCustomerPerWeek);
        Assert.Equal([ContactRole.ApClerk, ContactRole.Approver, ContactRole.Controller, ContactRole.Cfo, ContactRole.Other], policy.Contact.FallbackOrder);
        Assert.Equal(new PromiseSettings(2, "collections-manager"), policy.Promises);
        Assert.Equal(0m, policy.MinimumBalance);
        Assert.Equal(20, policy.Worklist.CapacityPerCollector);
        Assert.Empty(policy.Worklist.Collectors);
        Assert.Equal(new RankingWeights(), policy.Ranking);
        Assert.Equal(0, policy.Segments[0].Strictness);
        Assert.Equal(DayCounting.Calendar, policy.Strategy("standard").DayCounting);
        Assert.Equal(["d5-email", "d10-escalate"], policy.Strategy("standard").Steps.Select(s => s.Id));
    }

    [Fact]
    public void ReportsLineAndPositionGivenMalformedJson()
    {
        var error = Assert.Single(PolicyLoader.Load("{\n  \"segments\": [\n    { \"id\": \"a\" \"strategy\": \"b\" }\n  ]\n}").Errors);

        Assert.Equal("$", error.Path);
        Assert.StartsWith("malformed JSON at line 3, position 17:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsMalformedJsonGivenEmptyText() =>
        Assert.StartsWith("malformed JSON at line 1", Assert.Single(PolicyLoader.Load("").Errors).Message, StringComparison.Ordinal);

    [Fact]
    public void RejectsRootGivenArray() =>
        PolicyJson.SingleError("[]", "$", "expected an object, got an array");

    [Fact]
    public void AcceptsCommentsAndTrailingCommas()
    {
        var json = PolicyJson.Minimal.Replace("\"segments\": [", "// who gets which ladder\n  \"segments\": [", StringComparison.Ordinal)
            .Replace("\"strategy\": \"standard\" }", "\"strategy\": \"standard\", }", StringComparison.Ordinal);

        PolicyJson.LoadValid(json);
    }

    [Fact]
    public void ReportsEveryErrorGivenSeveralMistakes()
    {
        var json = PolicyJson.With(root =>
        {
            root.Segment(0)["when"]!["field"] = "avgDayLate";
            root.Step(0, 0)["action"] = "cal";
            root.Step(1, 0).Remove("template");
            root["hysteresis"] = PolicyJson.Node("""{ "daysToRelax": 100 }""");
            root["contactcap"] = PolicyJson.Node("""{ "perCustomerPerWeek": 2 }""");
        });

        var result = PolicyLoader.Load(json);

        Assert.Equal(
            [
                "contactcap: unknown property 'contactcap', did you mean 'contactCap'?",
                "segments[0].when.field: unknown field 'avgDayLate', did you mean 'avgDaysLate'?",
                "strategies[0].steps[0].action: unknown action 'cal', did you mean 'call'?",
                "strategies[1].steps[0].template: is required for email steps",
                "hysteresis.daysToRelax: must be between 0 and 90, got 100",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Null(result.Policy);
    }

    [Fact]
    public void ReportsRepeatedPropertyGivenDuplicateKey() =>
        PolicyJson.SingleError(PolicyJson.Minimal.Replace("{ \"id\": \"risky\",", "{ \"id\": \"risky\", \"id\": \"risky2\",", StringComparison.Ordinal), "segments[0].id", "appears more than once");

    [Fact]
    public void UsesDeclaredPolicyVersion() =>
        Assert.Equal("2026-11", PolicyJson.LoadValid(PolicyJson.With(root => root["version"] = "2026-11")).Version);

    [Fact]
    public void FormatsErrorAsPathThenMessage() =>
        Assert.Equal("segments[0].id: is required", new PolicyError("segments[0].id", "is required").ToString());
}
