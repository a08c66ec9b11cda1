using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Tasks;

[Collection(AzuriteCollection.Name)]
public class CreateCallTaskHandleOnTables(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = TaskDayHarness.Day;

    [Fact]
    public async Task CreatesOneTaskPerCustomerGivenEachMessageDeliveredThreeTimes()
    {
        await using var harness = await TaskDayHarness.CreateAsync(azurite);
        await harness.SeedAsync(unassigned: 3, ownedByDave: 2);
        var messages = await harness.RunDayAsync(Day);

        var results = await harness.HandleAsync(messages, deliveries: 3);

        var calls = messages.Where(m => m.Kind == "call").ToArray();
        Assert.Equal(["D1", "D2", "U1", "U2", "U3"], calls.Select(m => m.CustomerId).Order(StringComparer.Ordinal));
        foreach (var group in results.GroupBy(r => r.Message.ActionId))
        {
            Assert.Equal([CreateTaskOutcome.Created, CreateTaskOutcome.AlreadyDone, CreateTaskOutcome.AlreadyDone], group.Select(r => r.Result.Outcome));
            Assert.Single(group.Select(r => r.Result.TaskId).Distinct());
        }

        foreach (var call in calls)
        {
            var task = Assert.Single((await harness.TasksOfAsync(call.CustomerId)).Open);
            Assert.Equal((TaskKind.Call, TaskState.Open), (task.Kind, task.State));
            Assert.Equal([call.ActionId], task.Actions);
            Assert.Equal([call.CustomerId + "-1", call.CustomerId + "-2"], task.Invoices.Order(StringComparer.Ordinal));
            Assert.Equal([new CurrencyAmount("EUR", 500m), new CurrencyAmount("USD", 1_000m)], task.Amounts);
            Assert.Equal(new TaskContact("Ann Clerk", "ap-clerk", "+1 555 0100", "ann@example.test", "mornings"), task.Contact);
            Assert.Equal(task.TaskId, Uri.EscapeDataString(task.TaskId));
        }

        var actions = (await harness.ActionsAsync()).ToDictionary(a => a.ActionId);
        Assert.All(messages, m => Assert.Equal(ActionStatus.Sent, actions[m.ActionId].Status));
    }

    [Fact]
    public async Task CreatesOneTaskGivenEightConcurrentDeliveries()
    {
        await using var harness = await TaskDayHarness.CreateAsync(azurite);
        var call = await OneCallAsync(harness);
        var handler = harness.Get<CreateCallTask>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => handler.HandleAsync(call, CancellationToken.None))));

        Assert.Single(results, r => r.Outcome == CreateTaskOutcome.Created);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { CreateTaskOutcome.Created, CreateTaskOutcome.InProgress, CreateTaskOutcome.AlreadyDone }));
        var task = Assert.Single((await harness.TasksOfAsync("D1")).Open);
        Assert.Equal([call.ActionId], task.Actions);
        Assert.Single(await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("dave", CancellationToken.None));
        Assert.Equal(ActionStatus.Sent, (await harness.ActionsAsync()).Single(a => a.ActionId == call.ActionId).Status);
    }

    [Fact]
    public async Task CompletesWithoutDuplicateGivenRedeliveryAfterCrashInCreating()
    {
        await using var harness = await TaskDayHarness.CreateAsync(azurite);
        var call = await OneCallAsync(harness);
        var actions = harness.Get<ITaskActionStore>();
        var read = (await actions.GetAsync(call.Shard, call.ActionId, CancellationToken.None))!;
        Assert.True(await actions.TryClaimAsync(call.Shard, read, harness.Clock.GetUtcNow(), CancellationToken.None));

        var first = await harness.Get<CreateCallTask>().HandleAsync(call, CancellationToken.None);
        var again = await harness.Get<CreateCallTask>().HandleAsync(call, CancellationToken.None);

        Assert.Equal((CreateTaskOutcome.Created, CreateTaskOutcome.AlreadyDone), (first.Outcome, again.Outcome));
        Assert.Equal(first.TaskId, again.TaskId);
        var task = Assert.Single((await harness.TasksOfAsync("D1")).Open);
        Assert.Equal(first.TaskId, task.TaskId);
        Assert.Equal(ActionStatus.Sent, (await harness.ActionsAsync()).Single(a => a.ActionId == call.ActionId).Status);
    }

    [Fact]
    public async Task AssignsTheLeastLoadedTeamCollectorWithinCapacityGivenUnassignedCustomers()
    {
        await using var harness = await TaskDayHarness.CreateAsync(azurite);
        await harness.SeedAsync(unassigned: 5, ownedByDave: 2);
        await FillAsync(harness, "carol", 20);
        var messages = await harness.RunDayAsync(Day);

        await harness.HandleAsync(messages.Where(m => m.Kind == "call").OrderBy(m => m.CustomerId, StringComparer.Ordinal));

        var store = harness.Get<ITaskStore>();
        Assert.Equal(20, await store.CountOpenAsync("carol", CancellationToken.None));
        var dave = await store.GetOpenByAssigneeAsync("dave", CancellationToken.None);
        var erin = await store.GetOpenByAssigneeAsync("erin", CancellationToken.None);
        Assert.Equal(["D1", "D2", "U3", "U5"], dave.Select(t => t.CustomerId).Order(StringComparer.Ordinal));
        Assert.Equal(["U1", "U2", "U4"], erin.Select(t => t.CustomerId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MergesTheNextCallIntoTheOpenTaskGivenASecondDay()
    {
        await using var harness = await TaskDayHarness.CreateAsync(azurite);
        await harness.SeedAsync(unassigned: 2, ownedByDave: 0);
        await harness.HandleAsync(await harness.RunDayAsync(Day));

        // By then the customers are key accounts (ranks 21+ do not exist in so small a portfolio): the personal ladder calls on business day 5.
        var second = await harness.RunDayAsync(Day.AddDays(6));
        var results = await harness.HandleAsync(second.Where(m => m.Kind == "call" && m.CustomerId.StartsWith('U')));

        Assert.Equal(["U1", "U2"], results.Select(r => r.Message.CustomerId).Order(StringComparer.Ordinal));
        Assert.All(results, r => Assert.Equal(CreateTaskOutcome.Merged, r.Result.Outcome));
        var task = Assert.Single((await harness.TasksOfAsync("U1")).Open);
        Assert.Equal(2, task.Actions.Count);
        Assert.Equal(2, task.Steps.Count);
    }

    [Fact]
    public async Task CreatesAnEscalationTaskForTheRoleGivenAnEscalationStep()
    {
        await using var harness = await TaskDayHarness.CreateAsync(azurite);
        await harness.SeedAsync(unassigned: 0, ownedByDave: 1);
        var messages = await harness.RunDayAsync(Day);

        await harness.HandleAsync(messages);

        var escalation = Assert.Single((await harness.TasksOfAsync(TaskDayHarness.EscalatedCustomer)).Open);
        Assert.Equal((TaskKind.Escalation, "collections-manager", false), (escalation.Kind, escalation.Assignee, escalation.IsCollectorTask));
        var queue = await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("collections-manager", CancellationToken.None);
        Assert.Equal(escalation.TaskId, Assert.Single(queue).TaskId);
    }

    [Fact]
    public async Task SkipsWithReasonGivenTheInvoicesPaidSincePlanning()
    {
        await using var harness = await TaskDayHarness.CreateAsync(azurite);
        await harness.SeedAsync(unassigned: 1, ownedByDave: 0);
        var messages = await harness.RunDayAsync(Day);
        await harness.MarkPaidAsync(await harness.InvoicesOfAsync("U1"), Day);

        var result = Assert.Single(await harness.HandleAsync(messages.Where(m => m.CustomerId == "U1"))).Result;

        Assert.Equal((CreateTaskOutcome.Skipped, CreateTaskReasons.InvoicesClosed), (result.Outcome, result.Reason));
        Assert.Empty((await harness.TasksOfAsync("U1")).Open);
        var action = (await harness.ActionsAsync()).Single(a => a.CustomerId == new CustomerId("U1"));
        Assert.Equal((ActionStatus.Skipped, CreateTaskReasons.InvoicesClosed), (action.Status, action.StatusReason));
    }

    /// <summary>D1, dave's customer, with the call its first day planned (queued, not yet handled).</summary>
    private static async Task<ActionMessage> OneCallAsync(TaskDayHarness harness)
    {
        await harness.SeedAsync(unassigned: 0, ownedByDave: 1);
        return (await harness.RunDayAsync(Day)).Single(m => m.Kind == "call");
    }

    /// <summary>Gives <paramref name="collector"/> open tasks of other customers up to <paramref name="count"/>.</summary>
    private static async Task FillAsync(TaskDayHarness harness, string collector, int count)
    {
        var store = harness.Get<ITaskStore>();
        for (var i = 0; i < count; i++)
        {
            var customer = $"X{collector}{i}";
            var task = new CollectorTask
            {
                TaskId = TaskSlots.NewTaskId(harness.Get<Sharding>().ShardOf(new CustomerId(customer)), customer, TaskSlots.Collector, "seed"),
                CustomerId = customer,
                CustomerName = customer,
                Kind = TaskKind.Call,
                Slot = TaskSlots.Collector,
                Assignee = collector,
                CreatedOn = Day.AddDays(-1),
            };
            Assert.True(await store.TryAddAsync(task, CancellationToken.None));
            await store.SyncIndexAsync(task, CancellationToken.None);
        }
    }
}
