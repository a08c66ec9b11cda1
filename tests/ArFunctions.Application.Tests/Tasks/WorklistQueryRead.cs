using ArFunctions.Application.Access;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Worklists;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Tests.Tasks;

public class WorklistQueryRead
{
    private readonly TaskWorld _world = new();

    [Fact]
    public async Task ReturnsNotFoundListingTheCollectorsGivenAnUnknownCollector()
    {
        var result = await _world.Query.ForCollectorAsync("zoe", null, CancellationToken.None);

        Assert.Equal(WorklistQueryStatus.NotFound, result.Status);
        Assert.Equal(["alice", "bob", "carol", "dave", "erin"], result.KnownCollectors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task RejectsGivenTopOutOfRange(int top)
    {
        var collector = await _world.Query.ForCollectorAsync("carol", top, CancellationToken.None);
        var all = await _world.Query.TopAsync(top, CancellationToken.None);

        Assert.Equal("top", Assert.Single(collector.Errors!).Field);
        Assert.Equal(WorklistQueryStatus.Invalid, all.Status);
    }

    [Fact]
    public async Task JoinsEachCustomerWithItsOpenTasksInRankOrder()
    {
        var call = await _world.OpenCallTaskAsync("C1");
        await _world.Create.HandleAsync(_world.AddAction("e1", ActionKind.Escalation, "C1", ["C1-I1"], "escalate-d10", null, "credit-manager"), CancellationToken.None);
        Rank("carol", "C1", "C2");

        var result = await _world.Query.ForCollectorAsync("carol", null, CancellationToken.None);

        var view = result.Worklist!;
        Assert.Equal((20, TaskWorld.Today), (view.Top, view.AsOf));
        Assert.Equal(["C1", "C2"], view.Items.Select(i => i.CustomerId));
        Assert.Equal([(call.TaskId, TaskKind.Call), (view.Items[0].Tasks[1].TaskId, TaskKind.Escalation)], view.Items[0].Tasks.Select(t => (t.TaskId, t.Kind)));
        Assert.Equal("call-d1", view.Items[0].Tasks[0].Step);
        Assert.Equal(["reason of C1"], view.Items[0].Reasons);
        Assert.Empty(view.Items[1].Tasks);
    }

    [Fact]
    public async Task DropsTheCustomerRightAwayGivenItsTaskClosedByAPromise()
    {
        var task = await _world.OpenCallTaskAsync("C1");
        await _world.OpenCallTaskAsync("C2");
        Rank("carol", "C1", "C2");
        Rank("_top", "C1", "C2");

        await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("promise", Promise: new PromiseInput("2026-11-30", 500m)), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(["C2"], (await _world.Query.ForCollectorAsync("carol", null, CancellationToken.None)).Worklist!.Items.Select(i => i.CustomerId));
        Assert.Equal(["C2"], (await _world.Query.TopAsync(null, CancellationToken.None)).Worklist!.Items.Select(i => i.CustomerId));
    }

    [Fact]
    public async Task KeepsTheCustomerGivenATaskClosedBeforeTheListWasComputed()
    {
        var task = await _world.OpenCallTaskAsync("C1");
        await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("reached"), Caller.Local("test"), CancellationToken.None);
        _world.Clock.Advance(TimeSpan.FromDays(1));
        Rank("carol", TaskWorld.Today.AddDays(1), "C1");

        var result = await _world.Query.ForCollectorAsync("carol", 1, CancellationToken.None);

        Assert.Equal(["C1"], result.Worklist!.Items.Select(i => i.CustomerId));
    }

    [Fact]
    public async Task TakesTopItemsAfterDroppingHandledCustomers()
    {
        var task = await _world.OpenCallTaskAsync("C1");
        await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("paid-claimed"), Caller.Local("test"), CancellationToken.None);
        Rank("carol", "C1", "C2", "C3", "C4");

        var result = await _world.Query.ForCollectorAsync("carol", 2, CancellationToken.None);

        Assert.Equal([2, 3], result.Worklist!.Items.Select(i => i.Rank));
    }

    private void Rank(string list, params string[] customers) => Rank(list, TaskWorld.Today, customers);

    private void Rank(string list, DateOnly asOf, params string[] customers) =>
        _world.Worklists.Lists[list] = customers
            .Select((c, i) => new RankedEntry(i + 1, c, "carol", "standard", 1.0 - (i / 10.0), 100m, ["reason of " + c], asOf))
            .ToList();
}
