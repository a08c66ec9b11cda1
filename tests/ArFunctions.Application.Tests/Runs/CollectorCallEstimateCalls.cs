using ArFunctions.Application.Runs;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Tests.Runs;

public class CollectorCallEstimateCalls
{
    private static readonly WorklistSettings Worklist = new(
        2,
        [new CollectorDefinition("carol", "standard"), new CollectorDefinition("dave", "standard", Capacity: 1), new CollectorDefinition("alice", "key-accounts")]);

    [Fact]
    public void GivesEachCallToTheLeastLoadedOfTheTeamGivenNoAssignedCollector()
    {
        var calls = Enumerable.Repeat(new CallDemand(null, "standard"), 3);

        var loads = CollectorCallEstimate.Calls(calls, Worklist);

        Assert.Equal(2, loads["carol"]);
        Assert.Equal(1, loads["dave"]);
    }

    [Fact]
    public void GivesTheCallToTheCustomersOwnCollectorGivenOneIsAssigned()
    {
        var loads = CollectorCallEstimate.Calls([new CallDemand("zoe", "standard"), new CallDemand(" ", "key-accounts")], Worklist);

        Assert.Equal(1, loads["zoe"]);
        Assert.Equal(1, loads["alice"]);
    }

    [Fact]
    public void GivesTheRestToTheCollectionsManagerGivenTheTeamIsFull()
    {
        var loads = CollectorCallEstimate.Calls(Enumerable.Repeat(new CallDemand(null, "key-accounts"), 3), Worklist);

        Assert.Equal(2, loads["alice"]);
        Assert.Equal(1, loads["collections-manager"]);
    }

    [Fact]
    public void ListsEveryCollectorOfEitherPolicyWithItsCapacityThereGivenTwoWorklists()
    {
        var draftWorklist = new WorklistSettings(3, [new CollectorDefinition("carol", "standard"), new CollectorDefinition("erin", "standard")]);
        var inForce = new Dictionary<string, int> { ["carol"] = 3, ["collections-manager"] = 1 };
        var draft = new Dictionary<string, int> { ["carol"] = 2, ["erin"] = 2 };

        var rows = CollectorCallEstimate.SideBySide(inForce, Worklist, draft, draftWorklist);

        Assert.Equal(["carol", "dave", "alice", "erin", "collections-manager"], rows.Select(r => r.Collector));
        var carol = rows[0];
        Assert.Equal((2, 3, 3, 2), (carol.CapacityInForce!.Value, carol.CallsInForce, carol.CapacityDraft!.Value, carol.CallsDraft));
        Assert.True(carol.OverCapacityInForce);
        Assert.False(carol.OverCapacityDraft);
        Assert.Equal((null, 0, 3), (rows[3].CapacityInForce, rows[3].CallsInForce, rows[3].CapacityDraft!.Value));
        Assert.False(rows[4].OverCapacityInForce);
    }
}
