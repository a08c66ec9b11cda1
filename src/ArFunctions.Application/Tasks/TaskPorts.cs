using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Tasks;

/// <summary>A stored action as a task handler reads it (the Actions table row the queue message names).</summary>
public sealed record TaskAction(
    string ActionId,
    DateOnly AsOf,
    ActionKind Kind,
    CustomerId CustomerId,
    string? Template,
    string? ContactName,
    ContactRole? ContactRole,
    string? AssignTo,
    IReadOnlyList<string> Invoices,
    IReadOnlyList<string> Steps,
    ActionStatus Status,
    string? Version = null);

/// <summary>A customer's open tasks, and the day its collector task was last closed (null when never).</summary>
public sealed record CustomerTasks(IReadOnlyList<CollectorTask> Open, DateOnly? CollectorTaskClosedOn);

/// <summary>
/// Tasks. Creating and closing are conditional: <see cref="TryAddAsync"/> fails when the customer already has an open
/// task in the slot (or the id exists), <see cref="TryReplaceAsync"/> when the task changed since it was read.
/// </summary>
public interface ITaskStore
{
    Task<CollectorTask?> GetAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>The customer's open task in <paramref name="slot"/>: a point read.</summary>
    Task<CollectorTask?> GetOpenAsync(CustomerId customerId, string slot, CancellationToken cancellationToken);

    Task<CustomerTasks> GetCustomerTasksAsync(CustomerId customerId, CancellationToken cancellationToken);

    /// <summary>The open tasks of a collector, role or team: one partition query.</summary>
    Task<IReadOnlyList<CollectorTask>> GetOpenByAssigneeAsync(string assignee, CancellationToken cancellationToken);

    Task<int> CountOpenAsync(string assignee, CancellationToken cancellationToken);

    /// <summary>Inserts an open task as the customer's task in its slot; false when the slot is taken or the id exists.</summary>
    Task<bool> TryAddAsync(CollectorTask task, CancellationToken cancellationToken);

    /// <summary>Replaces the task if its <see cref="CollectorTask.ETag"/> still matches; a closed task frees its slot.</summary>
    Task<bool> TryReplaceAsync(CollectorTask task, CancellationToken cancellationToken);

    /// <summary>Brings the assignee's index in line with the task (listed while open, removed once closed); idempotent.</summary>
    Task SyncIndexAsync(CollectorTask task, CancellationToken cancellationToken);

    /// <summary>Takes the task off <paramref name="assignee"/>'s index (it moved to someone else); idempotent.</summary>
    Task RemoveFromIndexAsync(string assignee, string taskId, CancellationToken cancellationToken);
}

/// <summary>The customer data task handling reads and the few changes an outcome makes to it.</summary>
public interface ITaskAccountStore
{
    /// <summary>The shard the customer's rows live in (the first part of its task ids).</summary>
    int ShardOf(CustomerId customerId);

    Task<Customer?> GetCustomerAsync(CustomerId customerId, CancellationToken cancellationToken);

    /// <summary>Every stored invoice of the customer.</summary>
    Task<IReadOnlyList<Invoice>> GetInvoicesAsync(CustomerId customerId, CancellationToken cancellationToken);

    /// <summary>The customer's current segment from the daily run's state; null before its first run.</summary>
    Task<string?> GetSegmentAsync(CustomerId customerId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to each named invoice as stored now (re-read on a concurrent write, so a payment
    /// applied meanwhile is not lost); a null result leaves the invoice alone. Returns the invoices changed.
    /// </summary>
    Task<IReadOnlyList<Invoice>> UpdateInvoicesAsync(CustomerId customerId, IReadOnlyList<InvoiceId> invoiceIds, Func<Invoice, Invoice?> change, CancellationToken cancellationToken);

    /// <summary>Records an interaction; writing the same one again stores it once.</summary>
    Task AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken);
}

/// <summary>The stored actions behind task messages.</summary>
public interface ITaskActionStore
{
    Task<TaskAction?> GetAsync(int shard, string actionId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the action to <see cref="ActionStatus.Creating"/> (claimed at <paramref name="claimedAt"/>) only if it is
    /// still at the version read (<see cref="TaskAction.Version"/>); true for exactly one of concurrent claimers.
    /// </summary>
    Task<bool> TryClaimAsync(int shard, TaskAction action, DateTimeOffset claimedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the action's status, with the reason when it was skipped or failed, unless the stored status is already as
    /// far or further (<see cref="ActionStatusOrder"/>); false then.
    /// </summary>
    Task<bool> MarkAsync(int shard, string actionId, ActionStatus status, string? reason, CancellationToken cancellationToken);
}
