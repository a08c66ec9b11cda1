using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Tests.Tasks;

public class CreateCallTaskHandle
{
    private readonly TaskWorld _world = new();

    [Fact]
    public async Task CreatesOneTaskForTheCustomersCollectorGivenACallAction()
    {
        _world.AddCustomer("C1", collector: "dave");
        _world.AddInvoice("C1", "I1", 300m);
        _world.AddInvoice("C1", "I2", 100m, "EUR");
        _world.AddInvoice("C1", "I3", 999m);
        var message = _world.AddAction("a1", ActionKind.Call, "C1", ["I1", "I2"]);

        var result = await _world.Create.HandleAsync(message, CancellationToken.None);

        Assert.Equal(CreateTaskOutcome.Created, result.Outcome);
        var task = Assert.Single(_world.Tasks.All);
        Assert.Equal(result.TaskId, task.TaskId);
        Assert.Equal((TaskKind.Call, "dave", TaskState.Open), (task.Kind, task.Assignee, task.State));
        Assert.Equal(["I1", "I2"], task.Invoices);
        Assert.Equal([new CurrencyAmount("EUR", 100m), new CurrencyAmount("USD", 300m)], task.Amounts);
        Assert.Equal(["call-d1"], task.Steps);
        Assert.Equal(new TaskContact("Ann Clerk", "ap-clerk", "+1 555 0100", "ann@example.test", "mornings"), task.Contact);
        Assert.Equal(ActionStatus.Sent, _world.Actions.Actions["a1"].Status);
        Assert.Contains(task.TaskId, _world.Tasks.Index["dave"]);
    }

    [Fact]
    public async Task QueuesACheckThatFinishesTheJobGivenTheClaimWasLostToADeliveryThatThenDied()
    {
        _world.AddCustomer("C1", collector: "dave");
        _world.AddInvoice("C1", "I1", 300m);
        var message = _world.AddAction("a1", ActionKind.Call, "C1", ["I1"]);
        _world.Actions.BeforeNextClaim = () => _world.Actions.ClaimElsewhere("a1");

        var lost = await _world.Create.HandleAsync(message, CancellationToken.None);

        Assert.Equal(CreateTaskOutcome.InProgress, lost.Outcome);
        Assert.Empty(_world.Tasks.All);
        var check = Assert.Single(_world.Queue.Sent);
        Assert.Equal((QueueNames.Tasks, (object)message, CreateCallTask.CheckAfter), check);
        Assert.True(CreateCallTask.CheckAfter > ActionClaim.Lease);

        var finished = await _world.Create.HandleAsync((ActionMessage)check.Message, CancellationToken.None);

        Assert.Equal(CreateTaskOutcome.Created, finished.Outcome);
        Assert.Single(_world.Tasks.All);
        Assert.Equal(ActionStatus.Sent, _world.Actions.Actions["a1"].Status);
    }

    [Fact]
    public async Task MergesIntoTheOpenTaskGivenASecondActionForTheCustomer()
    {
        _world.AddCustomer("C1", collector: "dave");
        _world.AddInvoice("C1", "I1", 300m);
        _world.AddInvoice("C1", "I2", 100m);
        await _world.Create.HandleAsync(_world.AddAction("a1", ActionKind.Letter, "C1", ["I1"], step: "letter-d30", template: "final"), CancellationToken.None);

        var result = await _world.Create.HandleAsync(_world.AddAction("a2", ActionKind.Call, "C1", ["I2"], step: "call-d3"), CancellationToken.None);

        Assert.Equal(CreateTaskOutcome.Merged, result.Outcome);
        var task = Assert.Single(_world.Tasks.All);
        Assert.Equal(TaskKind.Call, task.Kind);
        Assert.Equal(["I1", "I2"], task.Invoices);
        Assert.Equal(["letter-d30", "call-d3"], task.Steps);
        Assert.Equal(["a1", "a2"], task.Actions);
        Assert.Equal([new CurrencyAmount("USD", 400m)], task.Amounts);
    }

    [Fact]
    public async Task ChangesNothingGivenTheSameMessageThreeTimes()
    {
        _world.AddCustomer("C1", collector: "dave");
        _world.AddInvoice("C1", "I1", 300m);
        await _world.Create.HandleAsync(_world.AddAction("a0", ActionKind.Call, "C1", ["I1"]), CancellationToken.None);
        var message = _world.AddAction("a1", ActionKind.Letter, "C1", ["I1"], step: "letter-d30");

        var results = new List<CreateTaskResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await _world.Create.HandleAsync(message, CancellationToken.None));
        }

        Assert.Equal([CreateTaskOutcome.Merged, CreateTaskOutcome.AlreadyDone, CreateTaskOutcome.AlreadyDone], results.Select(r => r.Outcome));
        var task = Assert.Single(_world.Tasks.All);
        Assert.Equal(["a0", "a1"], task.Actions);
        Assert.All(results, r => Assert.Equal(task.TaskId, r.TaskId));
    }

    [Fact]
    public async Task ReturnsAlreadyDoneGivenARedeliveryWhileTheActionIsNotYetMarked()
    {
        _world.AddCustomer("C1", collector: "dave");
        _world.AddInvoice("C1", "I1", 300m);
        var message = _world.AddAction("a1", ActionKind.Call, "C1", ["I1"]);
        await _world.Create.HandleAsync(message, CancellationToken.None);
        _world.Actions.Actions["a1"] = _world.Actions.Actions["a1"] with { Status = ActionStatus.Queued };

        var again = await _world.Create.HandleAsync(message, CancellationToken.None);

        Assert.Equal(CreateTaskOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(["a1"], Assert.Single(_world.Tasks.All).Actions);
    }

    [Fact]
    public async Task SkipsWithReasonGivenInvoicesPaidSincePlanning()
    {
        _world.AddCustomer("C1", collector: "dave");
        var invoice = _world.AddInvoice("C1", "I1", 300m);
        _world.Accounts.Invoices[0] = invoice with { OpenAmount = 0m, Status = InvoiceStatus.Paid };

        var result = await _world.Create.HandleAsync(_world.AddAction("a1", ActionKind.Call, "C1", ["I1"]), CancellationToken.None);

        Assert.Equal(new CreateTaskResult(CreateTaskOutcome.Skipped, null, CreateTaskReasons.InvoicesClosed), result);
        Assert.Empty(_world.Tasks.All);
        Assert.Equal(ActionStatus.Skipped, _world.Actions.Actions["a1"].Status);
        Assert.Equal(CreateTaskReasons.InvoicesClosed, _world.Actions.Reasons["a1"]);
    }

    [Fact]
    public async Task SkipsGivenAPromiseMadeSincePlanning()
    {
        _world.AddCustomer("C1", collector: "dave");
        var invoice = _world.AddInvoice("C1", "I1", 300m);
        _world.Accounts.Invoices[0] = invoice with { Promise = new PaymentPromise(TaskWorld.Today.AddDays(5), 300m, TaskWorld.Today) };

        var result = await _world.Create.HandleAsync(_world.AddAction("a1", ActionKind.Call, "C1", ["I1"]), CancellationToken.None);

        Assert.Equal((CreateTaskOutcome.Skipped, CreateTaskReasons.InvoicesPaused), (result.Outcome, result.Reason));
    }

    [Fact]
    public async Task AssignsTheLeastLoadedCollectorOfTheSegmentsTeamGivenNoAssignedCollector()
    {
        _world.Tasks.Load("carol", 5);
        _world.Tasks.Load("dave", 2);
        _world.Tasks.Load("erin", 4);
        _world.Tasks.Load("alice", 0);
        _world.AddCustomer("C1", segment: "high-risk");
        _world.AddInvoice("C1", "I1", 300m);

        var result = await _world.Create.HandleAsync(_world.AddAction("a1", ActionKind.Call, "C1", ["I1"]), CancellationToken.None);

        Assert.Equal("dave", (await _world.Tasks.GetAsync(result.TaskId!, CancellationToken.None))!.Assignee);
    }

    [Fact]
    public async Task AssignsTheUnassignedOwnerGivenTheWholeTeamAtCapacity()
    {
        _world.Tasks.Load("alice", 15);
        _world.Tasks.Load("bob", 15);
        _world.AddCustomer("C1", segment: "key-accounts");
        _world.AddInvoice("C1", "I1", 300m);

        var result = await _world.Create.HandleAsync(_world.AddAction("a1", ActionKind.Call, "C1", ["I1"]), CancellationToken.None);

        Assert.Equal(DunningPlanner.UnassignedOwner, (await _world.Tasks.GetAsync(result.TaskId!, CancellationToken.None))!.Assignee);
    }

    [Fact]
    public void PicksTheLeastLoadedBelowCapacityFirstListedOnATie()
    {
        var settings = new WorklistSettings(10, [new CollectorDefinition("x", "t"), new CollectorDefinition("y", "t"), new CollectorDefinition("z", "t", 2)]);

        Assert.Equal("y", TaskAssigner.LeastLoaded(settings.Collectors, [3, 1, 1], settings));
        Assert.Equal("z", TaskAssigner.LeastLoaded(settings.Collectors, [9, 10, 1], settings));
        Assert.Null(TaskAssigner.LeastLoaded(settings.Collectors, [10, 10, 2], settings));
    }

    [Fact]
    public async Task CreatesAnEscalationTaskForTheNamedRoleGivenAnEscalationAction()
    {
        _world.AddCustomer("C1", collector: "dave");
        _world.AddInvoice("C1", "I1", 300m);
        await _world.Create.HandleAsync(_world.AddAction("a1", ActionKind.Call, "C1", ["I1"]), CancellationToken.None);

        var result = await _world.Create.HandleAsync(
            _world.AddAction("a2", ActionKind.Escalation, "C1", ["I1"], step: "escalate-d10", role: null, assignTo: "credit-manager"), CancellationToken.None);

        Assert.Equal(CreateTaskOutcome.Created, result.Outcome);
        var escalation = (await _world.Tasks.GetAsync(result.TaskId!, CancellationToken.None))!;
        Assert.Equal((TaskKind.Escalation, "credit-manager", "escalation-credit-manager"), (escalation.Kind, escalation.Assignee, escalation.Slot));
        Assert.Null(escalation.Contact);
        Assert.Equal(2, _world.Tasks.All.Count);
    }

    [Theory]
    [InlineData("missing", "C1", CreateTaskReasons.UnknownAction)]
    [InlineData("email", "C1", CreateTaskReasons.NotATaskAction)]
    [InlineData("a1", "C2", CreateTaskReasons.CustomerMismatch)]
    public async Task ReturnsMalformedGivenAMessageNamingNoTaskAction(string actionId, string customerId, string reason)
    {
        _world.AddCustomer("C1", collector: "dave");
        _world.AddInvoice("C1", "I1", 300m);
        _world.AddAction("a1", ActionKind.Call, "C1", ["I1"]);
        _world.AddAction("email", ActionKind.Email, "C1", ["I1"]);

        var result = await _world.Create.HandleAsync(new ActionMessage(actionId, 0, customerId, "call", TaskWorld.Today), CancellationToken.None);

        Assert.Equal(new CreateTaskResult(CreateTaskOutcome.Malformed, null, reason), result);
        Assert.Empty(_world.Tasks.All);
    }
}
