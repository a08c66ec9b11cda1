using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Policies;

public partial class PolicyLoaderLoad
{
    [Fact]
    public void RequiresSegmentsGivenNone() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Remove("segments")), "segments", "is required");

    [Fact]
    public void RejectsDuplicateSegmentIds() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Segment(1)["id"] = "risky"), "segments[1].id", "duplicate segment id 'risky' (first declared at segments[0])");

    [Fact]
    public void RejectsSegmentIdGivenCharacterTableStorageCannotKey() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Segment(0)["id"] = "risky/late"), "segments[0].id", "must not contain '/'");

    [Fact]
    public void RejectsPolicyGivenNoDefaultSegment() =>
        PolicyJson.SingleError(
            PolicyJson.With(root =>
            {
                root.Segment(1).Remove("default");
                root.Segment(1)["when"] = PolicyJson.Node("""{ "field": "riskScore", "op": "<", "value": 70 }""");
            }),
            "segments",
            "has no default segment");

    [Fact]
    public void RejectsSecondDefaultSegment()
    {
        var json = PolicyJson.With(root =>
        {
            root.Segment(0).Remove("when");
            root.Segment(0)["default"] = true;
        });

        PolicyJson.SingleError(json, "segments[1].default", "only one segment may be the default; segments[0] already is");
    }

    [Fact]
    public void RejectsConditionGivenDefaultSegment() =>
        PolicyJson.SingleError(
            PolicyJson.With(root => root.Segment(1)["when"] = PolicyJson.Node("""{ "field": "riskScore", "op": "<", "value": 70 }""")),
            "segments[1].when",
            "is not allowed on the default segment");

    [Fact]
    public void RequiresConditionGivenNonDefaultSegment() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Segment(0).Remove("when")), "segments[0].when", "is required unless the segment is the default");

    [Fact]
    public void SuggestsStrategyGivenMisspelledReference() =>
        PolicyJson.SingleError(
            PolicyJson.With(root => root.Segment(1)["strategy"] = "stanard"),
            "segments[1].strategy",
            "unknown strategy 'stanard', did you mean 'standard'?");

    [Fact]
    public void ReportsUnusedStrategyGivenReferenceNotCloseToIt()
    {
        var result = PolicyLoader.Load(PolicyJson.With(root => root.Segment(1)["strategy"] = "gentle"));

        PolicyJson.HasError(result, "segments[1].strategy", "unknown strategy 'gentle'; expected one of: firm, standard");
        PolicyJson.HasError(result, "strategies[1].id", "strategy 'standard' is not used by any segment");
    }

    [Fact]
    public void RejectsUnusedStrategy() =>
        PolicyJson.SingleError(
            PolicyJson.With(root => root["strategies"]!.AsArray().Add(PolicyJson.Node("""{ "id": "legacy", "steps": [ { "day": 1, "action": "call" } ] }"""))),
            "strategies[2].id",
            "strategy 'legacy' is not used by any segment");

    [Fact]
    public void RejectsStrictnessGivenOutOfRange() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Segment(0)["strictness"] = 101), "segments[0].strictness", "must be between 0 and 100, got 101");

    [Fact]
    public void SuggestsPropertyGivenMisspelledSegmentKey() =>
        PolicyJson.SingleError(PolicyJson.With(root => root.Segment(0)["strictnes"] = 1), "segments[0].strictnes", "unknown property 'strictnes', did you mean 'strictness'?");

    [Fact]
    public void SuggestsTeamGivenSegmentTeamNoCollectorIsIn()
    {
        var json = PolicyJson.With(root =>
        {
            root.Segment(0)["team"] = "key-acounts";
            root["worklist"] = PolicyJson.Node("""{ "collectors": [ { "id": "alice", "team": "key-accounts" } ] }""");
        });

        PolicyJson.SingleError(json, "segments[0].team", "no collector is in team 'key-acounts', did you mean 'key-accounts'?");
    }

    [Fact]
    public void AcceptsAnyTeamGivenNoCollectorsDeclareTeams() =>
        Assert.Equal("night-shift", PolicyJson.LoadValid(PolicyJson.With(root => root.Segment(0)["team"] = "night-shift")).Segments[0].Team);

    [Fact]
    public void KeepsSegmentOrderAndFields()
    {
        var json = PolicyJson.With(root =>
        {
            root.Segment(0)["strictness"] = 2;
            root.Segment(0)["description"] = "Risky payers.";
        });

        var policy = PolicyJson.LoadValid(json);

        Assert.Equal(["risky", "standard"], policy.Segments.Select(s => s.Id));
        Assert.Equal((2, "Risky payers.", false), (policy.Segments[0].Strictness, policy.Segments[0].Description, policy.Segments[0].IsDefault));
        Assert.True(policy.Segments[1].IsDefault);
    }
}
