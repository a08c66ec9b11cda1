using ArFunctions.Application.Access;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tests.Tasks;

public class RecordTaskOutcomeRecord
{
    private readonly TaskWorld _world = new();

    [Fact]
    public async Task ClosesTheTaskAndPausesItsInvoicesGivenAPromise()
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("promise", "will pay Friday", new PromiseInput("2026-11-27", 500m)), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Recorded, result.Status);
        Assert.Equal((TaskState.Closed, TaskWorld.Today, InteractionOutcome.Promise), (result.Task!.State, result.Task.ClosedOn, result.Task.Outcome));
        var expected = new PaymentPromise(new DateOnly(2026, 11, 27), 300m, TaskWorld.Today, "local:test");
        Assert.Equal(expected, _world.Accounts.Invoice("C1-I1").Promise);
        Assert.Equal(expected with { Amount = 200m }, _world.Accounts.Invoice("C1-I2").Promise);
        var interaction = Assert.Single(_world.Accounts.Interactions);
        Assert.Equal((InteractionKind.Call, InteractionOutcome.Promise), (interaction.Kind, interaction.Outcome));
        Assert.Contains("will pay Friday", interaction.Note);
        Assert.DoesNotContain(task.TaskId, _world.Tasks.Index["carol"]);
    }

    [Fact]
    public async Task PromisesOnlyTheOldestInvoicesGivenAPartialAmount()
    {
        var task = await _world.OpenCallTaskAsync();

        await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("promise", Promise: new PromiseInput("2026-11-27", 250m)), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(250m, _world.Accounts.Invoice("C1-I1").Promise!.Amount);
        Assert.Null(_world.Accounts.Invoice("C1-I2").Promise);
    }

    [Theory]
    [InlineData("2026-11-22", "100", "promise.date")]
    [InlineData("2026-13-01", "100", "promise.date")]
    [InlineData(null, "100", "promise.date")]
    [InlineData("2026-11-30", "0", "promise.amount")]
    [InlineData("2026-11-30", "-5", "promise.amount")]
    [InlineData("2026-11-30", null, "promise.amount")]
    public async Task RejectsAndChangesNothingGivenABadPromise(string? date, string? amount, string field)
    {
        var task = await _world.OpenCallTaskAsync();
        var input = new TaskOutcomeInput("promise", Promise: new PromiseInput(date, amount is null ? null : decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        var result = await _world.Record.RecordAsync(task.TaskId, input, Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Invalid, result.Status);
        Assert.Equal(field, Assert.Single(result.Errors!).Field);
        Assert.True((await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!.IsOpen);
        Assert.Empty(_world.Accounts.Interactions);
        Assert.All(_world.Accounts.Invoices, i => Assert.Null(i.Promise));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("refused")]
    [InlineData("sent")]
    [InlineData("shouted")]
    public async Task RejectsGivenAnOutcomeATaskDoesNotTake(string? outcome)
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput(outcome), Caller.Local("test"), CancellationToken.None);

        var error = Assert.Single(result.Errors!);
        Assert.Equal((RecordOutcomeStatus.Invalid, "outcome"), (result.Status, error.Field));
        Assert.Contains("paid-claimed", error.Reason);
    }

    [Fact]
    public async Task RejectsListingTheKnownCategoriesGivenAnUnknownDisputeCategory()
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("dispute", Dispute: new DisputeInput("price")), Caller.Local("test"), CancellationToken.None);

        var error = Assert.Single(result.Errors!);
        Assert.Equal("dispute.category", error.Field);
        Assert.Contains("pricing, quantity, quality, billing-error, chargeback", error.Reason);
        Assert.All(_world.Accounts.Invoices, i => Assert.Null(i.Dispute));
    }

    [Fact]
    public async Task RejectsGivenAPromiseWithAnotherOutcome()
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("reached", Promise: new PromiseInput("2026-11-30", 5m)), Caller.Local("test"), CancellationToken.None);

        Assert.Equal("promise", Assert.Single(result.Errors!).Field);
    }

    [Fact]
    public async Task DisputesTheInvoicesAndRaisesATaskForTheOwnerGivenADispute()
    {
        var task = await _world.OpenCallTaskAsync();

        var result = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("dispute", Dispute: new DisputeInput("pricing", "quote said 10% off")), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Recorded, result.Status);
        Assert.All(_world.Accounts.Invoices, i => Assert.Equal(new Dispute("pricing", TaskWorld.Today, OpenedBy: "local:test"), i.Dispute));
        var raised = (await _world.Tasks.GetAsync(result.RaisedTaskId!, CancellationToken.None))!;
        Assert.Equal((TaskKind.Dispute, "sales", "pricing", "quote said 10% off", task.TaskId), (raised.Kind, raised.Assignee, raised.Category, raised.Note, raised.SourceTaskId));
        Assert.Equal(["C1-I1", "C1-I2"], raised.Invoices);
        Assert.Contains(raised.TaskId, _world.Tasks.Index["sales"]);
    }

    [Fact]
    public async Task FinishesTheDisputeOnceGivenTheRequestRetriedAfterACrashPastTheClaim()
    {
        var task = await _world.OpenCallTaskAsync();
        var input = new TaskOutcomeInput("dispute", Dispute: new DisputeInput("pricing", "quote said 10% off"));
        _world.Accounts.FailNextInteraction = true;

        await Assert.ThrowsAsync<IOException>(() => _world.Record.RecordAsync(task.TaskId, input, Caller.Local("test"), CancellationToken.None));
        var claimed = (await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!;
        var retried = await _world.Record.RecordAsync(task.TaskId, input, Caller.Local("test"), CancellationToken.None);
        var again = await _world.Record.RecordAsync(task.TaskId, input, Caller.Local("test"), CancellationToken.None);

        Assert.Equal((TaskState.Closed, new PendingOutcome(input, TaskWorld.Today, 1, "local:test")), (claimed.State, claimed.PendingOutcome));
        Assert.Equal(RecordOutcomeStatus.Recorded, retried.Status);
        Assert.Equal(RecordOutcomeStatus.Conflict, again.Status);
        Assert.Null((await _world.Tasks.GetAsync(task.TaskId, CancellationToken.None))!.PendingOutcome);
        Assert.All(_world.Accounts.Invoices, i => Assert.Equal(new Dispute("pricing", TaskWorld.Today, OpenedBy: "local:test"), i.Dispute));
        Assert.Single(_world.Accounts.Interactions);
        Assert.Single(_world.Tasks.Index["sales"]);
    }

    [Fact]
    public async Task FinishesThePromiseThenConflictsGivenADisputeAfterACrashPastThePromisesClaim()
    {
        var task = await _world.OpenCallTaskAsync();
        _world.Accounts.FailNextInteraction = true;
        await Assert.ThrowsAsync<IOException>(() => _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("promise", Promise: new PromiseInput("2026-11-27", 500m)), Caller.Local("test"), CancellationToken.None));

        var dispute = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("dispute", Dispute: new DisputeInput("pricing")), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Conflict, dispute.Status);
        Assert.All(_world.Accounts.Invoices, i => Assert.Null(i.Dispute));
        Assert.NotNull(_world.Accounts.Invoice("C1-I1").Promise);
        Assert.Equal(InteractionOutcome.Promise, Assert.Single(_world.Accounts.Interactions).Outcome);
        Assert.Empty(_world.Tasks.Index.GetValueOrDefault("sales") ?? []);
    }

    [Fact]
    public async Task KeepsTheTaskOpenUntilTheThirdAttemptGivenNoAnswer()
    {
        var task = await _world.OpenCallTaskAsync();

        var first = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("no-answer"), Caller.Local("test"), CancellationToken.None);
        var second = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("voicemail"), Caller.Local("test"), CancellationToken.None);
        var third = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("no-answer"), Caller.Local("test"), CancellationToken.None);

        Assert.Equal([TaskState.Open, TaskState.Open, TaskState.Closed], new[] { first, second, third }.Select(r => r.Task!.State));
        Assert.Equal(3, third.Task!.Attempts);
        Assert.Equal(3, _world.Accounts.Interactions.Count);
    }

    [Fact]
    public async Task ReturnsNotFoundGivenAnUnknownTask()
    {
        await _world.OpenCallTaskAsync();

        var unknown = await _world.Record.RecordAsync("0000-0000000000000000", new TaskOutcomeInput("reached"), Caller.Local("test"), CancellationToken.None);
        var garbage = await _world.Record.RecordAsync("../etc", new TaskOutcomeInput("reached"), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.NotFound, unknown.Status);
        Assert.Equal(RecordOutcomeStatus.NotFound, garbage.Status);
    }

    [Fact]
    public async Task ReturnsConflictAndChangesNothingGivenAClosedTask()
    {
        var task = await _world.OpenCallTaskAsync();
        await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("reached"), Caller.Local("test"), CancellationToken.None);

        var again = await _world.Record.RecordAsync(task.TaskId, new TaskOutcomeInput("promise", Promise: new PromiseInput("2026-11-30", 5m)), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Conflict, again.Status);
        Assert.Equal(InteractionOutcome.Reached, again.Task!.Outcome);
        Assert.Single(_world.Accounts.Interactions);
        Assert.All(_world.Accounts.Invoices, i => Assert.Null(i.Promise));
    }
}
