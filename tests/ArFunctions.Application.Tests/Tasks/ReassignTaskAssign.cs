using ArFunctions.Application.Access;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Tasks;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Application.Tests.Tasks;

public class ReassignTaskAssign
{
    private static readonly Caller Lead = Caller.Person("0000-lead", "lena@ar.example.com", "aad", [Role.Lead]);

    private readonly TaskWorld _world = new();

    private ReassignTask Reassign => new(_world.Tasks, _world.Policy, new BusinessClock(_world.Clock, TimeZoneInfo.Utc), NullLogger<ReassignTask>.Instance);

    [Fact]
    public async Task MovesTheOpenTaskToTheOtherCollectorsListAndRecordsWhoMovedIt()
    {
        var task = await _world.OpenCallTaskAsync(collector: "carol");

        var result = await Reassign.AssignAsync(task.TaskId, new TaskAssignInput("dave"), Lead, CancellationToken.None);

        Assert.Null(result.Failure);
        var stored = (await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!;
        Assert.Equal(("dave", "lena@ar.example.com (0000-lead)", TaskWorld.Today), (stored.Assignee, stored.ReassignedBy, stored.ReassignedOn));
        Assert.Equal((task.Invoices, task.Attempts, TaskState.Open), (stored.Invoices, stored.Attempts, stored.State));
        Assert.Contains(task.TaskId, _world.Tasks.Index["dave"]);
        Assert.DoesNotContain(task.TaskId, _world.Tasks.Index["carol"]);
    }

    [Fact]
    public async Task ChangesNothingGivenTheCollectorWhoAlreadyHasIt()
    {
        var task = await _world.OpenCallTaskAsync(collector: "carol");

        var result = await Reassign.AssignAsync(task.TaskId, new TaskAssignInput("carol"), Lead, CancellationToken.None);

        Assert.Null(result.Failure);
        Assert.Null((await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!.ReassignedBy);
    }

    [Theory]
    [InlineData(null, FailureKind.Invalid)]
    [InlineData("zed", FailureKind.Invalid)]
    public async Task RefusesAndChangesNothingGivenNoCollectorOfThePolicy(string? collector, FailureKind kind)
    {
        var task = await _world.OpenCallTaskAsync(collector: "carol");

        var result = await Reassign.AssignAsync(task.TaskId, new TaskAssignInput(collector), Lead, CancellationToken.None);

        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Equal("collector", Assert.Single(result.Failure.Errors).Field);
        Assert.Equal("carol", (await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!.Assignee);
    }

    [Fact]
    public async Task RefusesACollectorMovingTheirOwnTask()
    {
        var task = await _world.OpenCallTaskAsync(collector: "carol");
        var carol = Caller.Person("0000-carol", "carol@ar.example.com", "aad", [Role.Collector]);

        var result = await Reassign.AssignAsync(task.TaskId, new TaskAssignInput("dave"), carol, CancellationToken.None);

        Assert.Equal(FailureKind.Forbidden, result.Failure!.Kind);
        Assert.Equal("carol", (await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!.Assignee);
    }

    [Fact]
    public async Task AnswersConflictGivenAClosedTaskAndNotFoundGivenNoTask()
    {
        var task = await _world.OpenCallTaskAsync(collector: "carol");
        await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("reached"), Lead, CancellationToken.None);

        var closed = await Reassign.AssignAsync(task.TaskId, new TaskAssignInput("dave"), Lead, CancellationToken.None);
        var missing = await Reassign.AssignAsync("0000-0000000000000000", new TaskAssignInput("dave"), Lead, CancellationToken.None);

        Assert.Equal(FailureKind.Conflict, closed.Failure!.Kind);
        Assert.Equal(FailureKind.NotFound, missing.Failure!.Kind);
    }
}
