using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Tests.DailyRuns;

public class ShardWriterWrite
{
    private static readonly DateOnly Day = new(2026, 11, 23);
    private static readonly CustomerId Customer = new("C1");
    private static readonly StepRef FirstStep = new(new InvoiceId("I1"), "v1", "d5-email");
    private static readonly StepRef SecondStep = new(new InvoiceId("I2"), "v1", "d5-email");
    private static readonly PlannedAction Email = new("20261123-C1-email", ActionKind.Email, Customer, "overdue",
        new Contact("Pat", ContactRole.ApClerk, "pat@example.com", null), null, [FirstStep.InvoiceId, SecondStep.InvoiceId], [FirstStep, SecondStep]);

    [Fact]
    public async Task QueuesTheActionUnchangedGivenNoStepRecordedBefore()
    {
        var (store, queue) = await WriteAsync(recordedBefore: []);

        Assert.Equal([Email.ActionId], queue.Sent.Select(m => m.ActionId));
        Assert.Empty(store.Replaced);
        Assert.Equal([(Email.ActionId, ActionStatus.Queued)], store.Statuses);
        Assert.Equal(["I1|v1|d5-email -> 20261123-C1-email", "I2|v1|d5-email -> 20261123-C1-email"], store.Ledger);
    }

    [Fact]
    public async Task DropsAStepFromTheActionGivenItWasRecordedUnderAnotherAction()
    {
        var (store, queue) = await WriteAsync(new() { [FirstStep.RowKey] = "20261120-C1-email" });

        var replaced = Assert.Single(store.Replaced);
        Assert.Equal([SecondStep], replaced.Steps);
        Assert.Equal([SecondStep.InvoiceId], replaced.Invoices);
        Assert.Equal([Email.ActionId], queue.Sent.Select(m => m.ActionId));
    }

    [Fact]
    public async Task SkipsTheActionGivenEveryStepWasRecordedUnderAnotherAction()
    {
        var (store, queue) = await WriteAsync(new() { [FirstStep.RowKey] = "20261120-C1-email", [SecondStep.RowKey] = null });

        Assert.Empty(queue.Sent);
        Assert.Equal([(Email.ActionId, ActionStatus.Skipped)], store.Statuses);
    }

    [Fact]
    public async Task QueuesTheActionGivenItsStepsWereRecordedUnderItByAnInterruptedAttempt()
    {
        var (store, queue) = await WriteAsync(new() { [FirstStep.RowKey] = Email.ActionId, [SecondStep.RowKey] = Email.ActionId });

        Assert.Empty(store.Replaced);
        Assert.Equal([Email.ActionId], queue.Sent.Select(m => m.ActionId));
    }

    [Fact]
    public async Task SendsNothingGivenTheActionWasAlreadyQueuedBefore()
    {
        var (store, queue) = await WriteAsync(recordedBefore: [], alreadyQueued: true);

        Assert.Empty(queue.Sent);
        Assert.Empty(store.Statuses);
    }

    [Fact]
    public async Task SavesTheStateWithTodaysContactGivenTheCustomerWasContacted()
    {
        var (store, _) = await WriteAsync(recordedBefore: []);

        var state = Assert.Single(store.States);
        Assert.Equal([Day], state.RecentContacts);
        Assert.Equal("standard", state.Segment?.SegmentId);
    }

    private static async Task<(FakeShardStore Store, FakeQueue Queue)> WriteAsync(Dictionary<string, string?> recordedBefore, bool alreadyQueued = false)
    {
        var store = new FakeShardStore(recordedBefore, alreadyQueued);
        var queue = new FakeQueue();
        var segment = new SegmentState("standard", Day, null, 0, Day);
        var plan = new CustomerPlan(
            [new LedgerEntry(FirstStep.InvoiceId, "standard", "v1", "d5-email", LedgerOutcome.Fired, null, Day),
             new LedgerEntry(SecondStep.InvoiceId, "standard", "v1", "d5-email", LedgerOutcome.Fired, null, Day)],
            [Email],
            []);
        var customer = new EvaluatedCustomer(
            new ShardCustomer(new Customer { Id = Customer, Name = "C1" }, [], [], [], new CustomerState(Customer, segment, []), []),
            new CustomerFeatures { CustomerId = Customer },
            new Domain.Engine.CustomerDecision(new SegmentAssignment("standard", "standard", "default", false, null, [], null, segment), plan));

        await new ShardWriter(store, queue, new FakeDecisionLog()).WriteAsync(3, Day, [customer], CancellationToken.None);
        return (store, queue);
    }

    private sealed class FakeDecisionLog : IDecisionLog
    {
        public List<Domain.Decisions.DayDecision> Added { get; } = [];

        public Task AddAsync(int shard, IReadOnlyList<Domain.Decisions.DayDecision> decisions, CancellationToken cancellationToken)
        {
            Added.AddRange(decisions);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<Domain.Decisions.DayDecision>> GetAsync(CustomerId customerId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Domain.Decisions.DayDecision>>(Added.Where(d => d.CustomerId == customerId && d.On >= from && d.On <= to).ToArray());
    }

    private sealed class FakeQueue : IMessageQueue
    {
        public List<ActionMessage> Sent { get; } = [];

        public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken)
        {
            Sent.Add((message as ActionMessage)!);
            return Task.CompletedTask;
        }

        public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken) =>
            SendAsync(queueName, message, cancellationToken);
    }

    private sealed class FakeShardStore(Dictionary<string, string?> recordedBefore, bool alreadyQueued) : IShardStore
    {
        public List<string> Ledger { get; } = [];

        public List<PlannedAction> Replaced { get; } = [];

        public List<(string, ActionStatus)> Statuses { get; } = [];

        public List<CustomerState> States { get; } = [];

        public int ShardCount => 8;

        public Task<ShardSnapshot> ReadAsync(int shard, DateOnly asOf, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, string?>> RecordLedgerAsync(int shard, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
        {
            Ledger.AddRange(writes.Where(w => !recordedBefore.ContainsKey(w.Entry.RowKey)).Select(w => $"{w.Entry.RowKey} -> {w.ActionId}"));
            return Task.FromResult<IReadOnlyDictionary<string, string?>>(recordedBefore);
        }

        public Task<IReadOnlyList<string>> AddActionsAsync(int shard, DateOnly asOf, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(alreadyQueued ? [] : actions.Select(a => a.ActionId).ToArray());

        public Task ReplaceActionAsync(int shard, DateOnly asOf, PlannedAction action, ActionStatus status, CancellationToken cancellationToken)
        {
            Replaced.Add(action);
            return Task.CompletedTask;
        }

        public Task SetActionStatusAsync(int shard, IReadOnlyList<string> actionIds, ActionStatus status, CancellationToken cancellationToken)
        {
            Statuses.AddRange(actionIds.Select(id => (id, status)));
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<ActionMessage>> GetUnqueuedActionsAsync(int shard, DateOnly asOf, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveStatesAsync(int shard, IReadOnlyList<CustomerState> states, CancellationToken cancellationToken)
        {
            States.AddRange(states);
            return Task.CompletedTask;
        }

        public Task AddSegmentMovesAsync(int shard, IReadOnlyList<SegmentMove> moves, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
