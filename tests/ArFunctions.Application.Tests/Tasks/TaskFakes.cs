using ArFunctions.Application.Ports;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Worklists;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Tests.Tasks;

/// <summary>Tasks in memory with the store's conditions: one open task per customer and slot, ETag-guarded replaces.</summary>
internal sealed class InMemoryTaskStore : ITaskStore
{
    private readonly Dictionary<string, CollectorTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), string> _open = [];
    private readonly Dictionary<(string, string), DateOnly> _closed = [];
    private int _version;

    public Dictionary<string, HashSet<string>> Index { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<CollectorTask> All => _tasks.Values;

    public Task<CollectorTask?> GetAsync(string taskId, CancellationToken cancellationToken) =>
        Task.FromResult(_tasks.GetValueOrDefault(taskId));

    public Task<CollectorTask?> GetOpenAsync(CustomerId customerId, string slot, CancellationToken cancellationToken) =>
        Task.FromResult(_open.TryGetValue((customerId.Value, slot), out var id) ? _tasks[id] : null);

    public Task<CustomerTasks> GetCustomerTasksAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var open = _open.Where(p => p.Key.Item1 == customerId.Value).Select(p => _tasks[p.Value]).ToArray();
        return Task.FromResult(new CustomerTasks(open, _closed.TryGetValue((customerId.Value, TaskSlots.Collector), out var on) ? on : null));
    }

    public Task<IReadOnlyList<CollectorTask>> GetOpenByAssigneeAsync(string assignee, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CollectorTask>>(Index.GetValueOrDefault(assignee)?.Select(id => _tasks[id]).ToArray() ?? []);

    public Task<int> CountOpenAsync(string assignee, CancellationToken cancellationToken) =>
        Task.FromResult(Index.GetValueOrDefault(assignee)?.Count ?? 0);

    public Task<bool> TryAddAsync(CollectorTask task, CancellationToken cancellationToken)
    {
        if (_tasks.ContainsKey(task.TaskId) || _open.ContainsKey((task.CustomerId, task.Slot)))
        {
            return Task.FromResult(false);
        }

        _tasks[task.TaskId] = task with { ETag = NextETag() };
        _open[(task.CustomerId, task.Slot)] = task.TaskId;
        return Task.FromResult(true);
    }

    public Task<bool> TryReplaceAsync(CollectorTask task, CancellationToken cancellationToken)
    {
        if (!_tasks.TryGetValue(task.TaskId, out var stored) || stored.ETag != task.ETag)
        {
            return Task.FromResult(false);
        }

        _tasks[task.TaskId] = task with { ETag = NextETag() };
        if (!task.IsOpen)
        {
            _open.Remove((task.CustomerId, task.Slot));
            _closed[(task.CustomerId, task.Slot)] = task.ClosedOn!.Value;
        }

        return Task.FromResult(true);
    }

    public Task SyncIndexAsync(CollectorTask task, CancellationToken cancellationToken)
    {
        var set = Index.TryGetValue(task.Assignee, out var found) ? found : Index[task.Assignee] = new HashSet<string>(StringComparer.Ordinal);
        if (task.IsOpen)
        {
            set.Add(task.TaskId);
        }
        else
        {
            set.Remove(task.TaskId);
        }

        return Task.CompletedTask;
    }

    public Task RemoveFromIndexAsync(string assignee, string taskId, CancellationToken cancellationToken)
    {
        if (Index.TryGetValue(assignee, out var set))
        {
            set.Remove(taskId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Puts <paramref name="count"/> open tasks on <paramref name="assignee"/>'s index, as other customers' tasks would.</summary>
    public void Load(string assignee, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var task = new CollectorTask
            {
                TaskId = $"0000-{assignee.GetHashCode(StringComparison.Ordinal) & 0xffff:x4}{i:x12}",
                CustomerId = $"OTHER-{assignee}-{i}",
                CustomerName = "Other",
                Kind = TaskKind.Call,
                Slot = TaskSlots.Collector,
                Assignee = assignee,
                CreatedOn = new DateOnly(2026, 1, 1),
            };
            _ = TryAddAsync(task, CancellationToken.None);
            _ = SyncIndexAsync(task, CancellationToken.None);
        }
    }

    private string NextETag() => "v" + (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class InMemoryAccounts : ITaskAccountStore
{
    public Dictionary<CustomerId, Customer> Customers { get; } = [];

    public List<Invoice> Invoices { get; } = [];

    public Dictionary<CustomerId, string> Segments { get; } = [];

    public List<Interaction> Interactions { get; } = [];

    public int ShardOf(CustomerId customerId) => 0;

    public Task<Customer?> GetCustomerAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        Task.FromResult(Customers.GetValueOrDefault(customerId));

    public Task<IReadOnlyList<Invoice>> GetInvoicesAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Invoice>>(Invoices.Where(i => i.CustomerId == customerId).ToArray());

    public Task<string?> GetSegmentAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        Task.FromResult(Segments.TryGetValue(customerId, out var segment) ? segment : null);

    public Task<IReadOnlyList<Invoice>> UpdateInvoicesAsync(CustomerId customerId, IReadOnlyList<InvoiceId> invoiceIds, Func<Invoice, Invoice?> change, CancellationToken cancellationToken)
    {
        var changed = new List<Invoice>();
        for (var i = 0; i < Invoices.Count; i++)
        {
            if (Invoices[i].CustomerId == customerId && invoiceIds.Contains(Invoices[i].Id) && change(Invoices[i]) is { } updated)
            {
                Invoices[i] = updated;
                changed.Add(updated);
            }
        }

        return Task.FromResult<IReadOnlyList<Invoice>>(changed);
    }

    /// <summary>When set, the next interaction write fails once, as a process dying mid-request would.</summary>
    public bool FailNextInteraction { get; set; }

    public Task AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (FailNextInteraction)
        {
            FailNextInteraction = false;
            throw new IOException("the worker died while recording the interaction");
        }

        if (!Interactions.Contains(interaction))
        {
            Interactions.Add(interaction);
        }

        return Task.CompletedTask;
    }

    public Invoice Invoice(string id) => Invoices.Single(i => i.Id.Value == id);
}

internal sealed class InMemoryActions : ITaskActionStore
{
    public Dictionary<string, TaskAction> Actions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> Reasons { get; } = new(StringComparer.Ordinal);

    private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);

    /// <summary>The action as stored, with a version that every write bumps (as an ETag would change).</summary>
    public Task<TaskAction?> GetAsync(int shard, string actionId, CancellationToken cancellationToken)
    {
        lock (_versions)
        {
            return Task.FromResult(Actions.GetValueOrDefault(actionId) is { } action ? action with { Version = VersionOf(actionId) } : null);
        }
    }

    /// <summary>Runs once, just before the next claim: another delivery getting there first.</summary>
    public Action? BeforeNextClaim { get; set; }

    /// <summary>Another delivery's claim: the action moves to Creating and its version changes.</summary>
    public void ClaimElsewhere(string actionId)
    {
        lock (_versions)
        {
            Write(actionId, Actions[actionId] with { Status = ActionStatus.Creating });
        }
    }

    public Task<bool> TryClaimAsync(int shard, TaskAction action, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        var before = BeforeNextClaim;
        BeforeNextClaim = null;
        before?.Invoke();
        lock (_versions)
        {
            var stored = Actions[action.ActionId];
            if (action.Version != VersionOf(action.ActionId) || !ActionStatusOrder.MayMove(stored.Status, ActionStatus.Creating))
            {
                return Task.FromResult(false);
            }

            Write(action.ActionId, stored with { Status = ActionStatus.Creating });
            return Task.FromResult(true);
        }
    }

    public Task<bool> MarkAsync(int shard, string actionId, ActionStatus status, string? reason, CancellationToken cancellationToken)
    {
        lock (_versions)
        {
            if (!ActionStatusOrder.MayMove(Actions[actionId].Status, status))
            {
                return Task.FromResult(false);
            }

            Write(actionId, Actions[actionId] with { Status = status });
            Reasons[actionId] = reason;
            return Task.FromResult(true);
        }
    }

    private string VersionOf(string actionId) => _versions.GetValueOrDefault(actionId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Write(string actionId, TaskAction action)
    {
        Actions[actionId] = action;
        _versions[actionId] = _versions.GetValueOrDefault(actionId) + 1;
    }
}

/// <summary>The messages a use case queued, with the delay each was queued with.</summary>
internal sealed class RecordingQueue : IMessageQueue
{
    public List<(string Queue, object Message, TimeSpan Delay)> Sent { get; } = [];

    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        SendAsync(queueName, message, TimeSpan.Zero, cancellationToken);

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        lock (Sent)
        {
            Sent.Add((queueName, message!, visibilityDelay));
        }

        return Task.CompletedTask;
    }
}

internal sealed class FixedPolicy(CollectionPolicy policy) : IPolicySource
{
    public CollectionPolicy Current { get; } = policy;
}

internal sealed class InMemoryWorklists : IWorklistSource
{
    public Dictionary<string, List<RankedEntry>> Lists { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<RankedEntry>> GetAsync(string? collector, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RankedEntry>>(Lists.GetValueOrDefault(collector ?? "_top")?.Take(max).ToArray() ?? []);
}
