using ArFunctions.Application.Access;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Worklists;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tasks;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ArFunctions.Storage.Tests.Tasks;

[Collection(AzuriteCollection.Name)]
public class RecordTaskOutcomeRecordOnTables(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = TaskDayHarness.Day;

    [Fact]
    public async Task PausesTheNextStepsAndLeavesTheWorklistGivenAPromise()
    {
        await using var harness = await StartedAsync();
        var query = harness.Get<WorklistQuery>();
        Assert.Equal(["D1", "D2"], Customers(await query.ForCollectorAsync("dave", null, CancellationToken.None)).Order(StringComparer.Ordinal));
        var task = await TaskOfAsync(harness, "D1");

        var result = await harness.Get<RecordTaskOutcome>().RecordAsync(
            task.TaskId, new TaskOutcomeInput("promise", Promise: new PromiseInput("2026-11-30", 1_000m, "USD")), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Recorded, result.Status);
        Assert.Equal(["D2"], Customers(await query.ForCollectorAsync("dave", null, CancellationToken.None)));
        Assert.DoesNotContain("D1", Customers(await query.TopAsync(null, CancellationToken.None)));
        Assert.Empty((await harness.TasksOfAsync("D1")).Open);
        Assert.Equal(new PaymentPromise(new DateOnly(2026, 11, 30), 1_000m, Day, "local:test"), (await harness.InvoicesOfAsync("D1")).Single(i => i.Id.Value == "D1-1").Promise);

        var next = await harness.RunDayAsync(Day.AddDays(6));
        var actions = (await harness.ActionsAsync()).Where(a => a.AsOf == Day.AddDays(6)).ToArray();
        Assert.Equal(["D1-2"], actions.Single(a => a.CustomerId == new CustomerId("D1")).Invoices);
        Assert.Equal(["D2-1", "D2-2"], actions.Single(a => a.CustomerId == new CustomerId("D2")).Invoices.Order(StringComparer.Ordinal));
        Assert.Contains(next, m => m.CustomerId == "D1");
    }

    [Fact]
    public async Task DisputesTheInvoicesAndRaisesTheOwnersTaskGivenADispute()
    {
        await using var harness = await StartedAsync();
        var task = await TaskOfAsync(harness, "D1");

        var result = await harness.Get<RecordTaskOutcome>().RecordAsync(
            task.TaskId, new TaskOutcomeInput("dispute", Dispute: new DisputeInput("pricing", "quote said 10% off")), Caller.Local("test"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Recorded, result.Status);
        var owner = Assert.Single(await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("sales", CancellationToken.None));
        Assert.Equal((result.RaisedTaskId, TaskKind.Dispute, "D1", "pricing"), (owner.TaskId, owner.Kind, owner.CustomerId, owner.Category));
        Assert.All(await harness.InvoicesOfAsync("D1"), i => Assert.Equal(new Dispute("pricing", Day, OpenedBy: "local:test"), i.Dispute));
        var open = (await harness.TasksOfAsync("D1")).Open;
        Assert.Equal([TaskKind.Dispute], open.Select(t => t.Kind));
        Assert.DoesNotContain("D1", Customers(await harness.Get<WorklistQuery>().ForCollectorAsync("dave", null, CancellationToken.None)));
    }

    [Fact]
    public async Task ChangesNothingGivenInvalidBodies()
    {
        await using var harness = await StartedAsync();
        var task = await TaskOfAsync(harness, "D1");
        var invoicesBefore = await harness.InvoicesOfAsync("D1");
        var interactionsBefore = await InteractionCountAsync(harness);
        TaskOutcomeInput[] bodies =
        [
            new("promise", Promise: new PromiseInput("2026-11-01", 100m, "USD")),
            new("promise", Promise: new PromiseInput("2026-11-30", 0m, "USD")),
            new("promise", Promise: new PromiseInput("2026-11-30", 100m)),
            new("dispute", Dispute: new DisputeInput("price")),
            new("hung-up"),
        ];

        foreach (var body in bodies)
        {
            var result = await harness.Get<RecordTaskOutcome>().RecordAsync(task.TaskId, body, Caller.Local("test"), CancellationToken.None);
            Assert.Equal(RecordOutcomeStatus.Invalid, result.Status);
            Assert.NotEmpty(result.Errors!);
        }

        Assert.Equal(task with { ETag = null }, (await harness.Get<ITaskStore>().GetAsync(task.TaskId, CancellationToken.None))! with { ETag = null }, TaskComparer.Instance);
        Assert.Equal(invoicesBefore, await harness.InvoicesOfAsync("D1"));
        Assert.Equal(interactionsBefore, await InteractionCountAsync(harness));
        Assert.Contains(task.TaskId, (await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("dave", CancellationToken.None)).Select(t => t.TaskId));
    }

    [Fact]
    public async Task LeavesNothingOfTheLoserGivenPromiseAndDisputeRecordedAtOnce()
    {
        var gate = new ReadGate();
        await using var harness = await StartedAsync(azurite, s => s.Replace(ServiceDescriptor.Singleton<ITaskStore>(sp => gate.Over(sp.GetRequiredService<TableTaskStore>()))));
        var task = await TaskOfAsync(harness, "D1");
        var interactionsBefore = await InteractionCountAsync(harness);
        var record = harness.Get<RecordTaskOutcome>();
        gate.Arm(readers: 2);

        var results = await Task.WhenAll(
            Task.Run(() => record.RecordAsync(task.TaskId, new TaskOutcomeInput("promise", Promise: new PromiseInput("2026-11-30", 1_000m, "USD")), Caller.Local("test"), CancellationToken.None)),
            Task.Run(() => record.RecordAsync(task.TaskId, new TaskOutcomeInput("dispute", Dispute: new DisputeInput("pricing", "quote said 10% off")), Caller.Local("test"), CancellationToken.None)));

        Assert.Equal(2, gate.Arrived);
        Assert.Equal([RecordOutcomeStatus.Recorded, RecordOutcomeStatus.Conflict], results.Select(r => r.Status).Order());
        var promiseWon = results[0].Status == RecordOutcomeStatus.Recorded;
        var invoices = await harness.InvoicesOfAsync("D1");
        Assert.All(invoices, i => Assert.Null(promiseWon ? i.Dispute : i.Promise));
        Assert.Contains(invoices, i => (promiseWon ? i.Promise : (object?)i.Dispute) is not null);
        Assert.Equal(promiseWon ? 0 : 1, (await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("sales", CancellationToken.None)).Count);
        Assert.Equal(interactionsBefore + 1, await InteractionCountAsync(harness));
        var stored = (await harness.Get<ITaskStore>().GetAsync(task.TaskId, CancellationToken.None))!;
        Assert.Equal(promiseWon ? InteractionOutcome.Promise : InteractionOutcome.Dispute, stored.Outcome);
        Assert.Null(stored.PendingOutcome);
    }

    private static async Task<TaskDayHarness> StartedAsync(AzuriteFixture azurite, Action<IServiceCollection>? configure = null)
    {
        var harness = await TaskDayHarness.CreateAsync(azurite, configure);
        await harness.SeedAsync(unassigned: 0, ownedByDave: 2);
        await harness.HandleAsync(await harness.RunDayAsync(Day));
        return harness;
    }

    private Task<TaskDayHarness> StartedAsync() => StartedAsync(azurite);

    private static async Task<CollectorTask> TaskOfAsync(TaskDayHarness harness, string customerId) =>
        Assert.Single((await harness.TasksOfAsync(customerId)).Open);

    private static string[] Customers(WorklistResult result) =>
        result.Worklist!.Items.Select(i => i.CustomerId).ToArray();

    private static async Task<int> InteractionCountAsync(TaskDayHarness harness)
    {
        var count = 0;
        for (var shard = 0; shard < harness.Get<Sharding>().ShardCount; shard++)
        {
            await foreach (var _ in harness.Get<InteractionStore>().StreamShardAsync(shard, CancellationToken.None))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Holds the first <c>readers</c> task reads until all of them have read: both requests see the same version.</summary>
    private sealed class ReadGate
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _readers = int.MaxValue;
        private int _arrived;

        public int Arrived => Math.Min(_arrived, _readers);

        public void Arm(int readers) => _readers = readers;

        public ITaskStore Over(ITaskStore inner) => new Gated(this, inner);

        private async Task PassAsync()
        {
            var arrived = Interlocked.Increment(ref _arrived);
            if (arrived > _readers)
            {
                return;
            }

            if (arrived == _readers)
            {
                _all.SetResult();
            }

            await _all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        private sealed class Gated(ReadGate gate, ITaskStore inner) : ITaskStore
        {
            public async Task<CollectorTask?> GetAsync(string taskId, CancellationToken cancellationToken)
            {
                var task = await inner.GetAsync(taskId, cancellationToken);
                if (gate._readers != int.MaxValue)
                {
                    await gate.PassAsync();
                }

                return task;
            }

            public Task<CollectorTask?> GetOpenAsync(CustomerId customerId, string slot, CancellationToken cancellationToken) => inner.GetOpenAsync(customerId, slot, cancellationToken);

            public Task<CustomerTasks> GetCustomerTasksAsync(CustomerId customerId, CancellationToken cancellationToken) => inner.GetCustomerTasksAsync(customerId, cancellationToken);

            public Task<IReadOnlyList<CollectorTask>> GetOpenByAssigneeAsync(string assignee, CancellationToken cancellationToken) => inner.GetOpenByAssigneeAsync(assignee, cancellationToken);

            public Task<int> CountOpenAsync(string assignee, CancellationToken cancellationToken) => inner.CountOpenAsync(assignee, cancellationToken);

            public Task<bool> TryAddAsync(CollectorTask task, CancellationToken cancellationToken) => inner.TryAddAsync(task, cancellationToken);

            public Task<bool> TryReplaceAsync(CollectorTask task, CancellationToken cancellationToken) => inner.TryReplaceAsync(task, cancellationToken);

            public Task SyncIndexAsync(CollectorTask task, CancellationToken cancellationToken) => inner.SyncIndexAsync(task, cancellationToken);

            public Task RemoveFromIndexAsync(string assignee, string taskId, CancellationToken cancellationToken) => inner.RemoveFromIndexAsync(assignee, taskId, cancellationToken);
        }
    }

    /// <summary>Tasks compared by content (record equality compares their lists by reference).</summary>
    private sealed class TaskComparer : IEqualityComparer<CollectorTask>
    {
        public static readonly TaskComparer Instance = new();

        public bool Equals(CollectorTask? x, CollectorTask? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(CollectorTask obj) => 0;
    }
}
