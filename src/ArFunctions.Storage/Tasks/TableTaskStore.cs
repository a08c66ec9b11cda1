using System.Globalization;
using System.IO.Hashing;
using System.Text;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tasks;

/// <summary>
/// Tasks (ADR 0003). CallTasks, PK = the customer's shard: the task row <c>t|taskId</c>, the customer's open-task
/// pointer per slot <c>c|customerId|open|slot</c> (holding the task id) and the last closing of a slot
/// <c>c|customerId|closed|slot</c>. A task and its pointer share a partition, so creating (both inserted) and closing
/// (task replaced under its ETag, pointer deleted, closing recorded) are single transactions. TaskIndex, PK = assignee,
/// RK = task id: a copy of every open task, so an assignee's open tasks are one partition query; it follows the task
/// (<see cref="SyncIndexAsync"/>) and is repaired by every later write of the task.
/// </summary>
public sealed class TableTaskStore(StorageTables tables, Sharding sharding) : ITaskStore
{
    private readonly TableHandle _tasks = tables.Get(StorageTables.CallTasks);
    private readonly TableHandle _index = tables.Get(StorageTables.TaskIndex);

    public async Task<CollectorTask?> GetAsync(string taskId, CancellationToken cancellationToken)
    {
        if (TaskSlots.ShardOf(taskId) is not { } shard || shard >= sharding.ShardCount)
        {
            return null;
        }

        var table = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(Sharding.PartitionKey(shard), TaskKey(taskId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    public async Task<CollectorTask?> GetOpenAsync(CustomerId customerId, string slot, CancellationToken cancellationToken)
    {
        var table = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var pointer = await table.GetOrNullAsync(sharding.PartitionKeyOf(customerId), OpenKey(customerId, slot), cancellationToken).ConfigureAwait(false);
        var task = pointer?.GetString("taskId") is { } taskId ? await GetAsync(taskId, cancellationToken).ConfigureAwait(false) : null;
        return task is { IsOpen: true } ? task : null;
    }

    public async Task<CustomerTasks> GetCustomerTasksAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var table = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var prefix = CompositeKey.Join("c", customerId.Value);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {sharding.PartitionKeyOf(customerId)} and RowKey ge {prefix + EntityKey.Separator} and RowKey lt {CompositeKey.PrefixEnd(prefix)}");
        var openIds = new List<string>();
        DateOnly? closedOn = null;
        await foreach (var row in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == ClosedKey(customerId, TaskSlots.Collector))
            {
                closedOn = EntityValues.OptionalDate(row, "closedOn");
            }
            else if (row.GetString("taskId") is { } taskId && row.RowKey.StartsWith(prefix + "|open|", StringComparison.Ordinal))
            {
                openIds.Add(taskId);
            }
        }

        var open = await Task.WhenAll(openIds.Select(id => GetAsync(id, cancellationToken))).ConfigureAwait(false);
        return new CustomerTasks(open.Where(t => t is { IsOpen: true }).Select(t => t!).ToArray(), closedOn);
    }

    public async Task<IReadOnlyList<CollectorTask>> GetOpenByAssigneeAsync(string assignee, CancellationToken cancellationToken)
    {
        var table = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        var open = new List<CollectorTask>();
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(IndexPartition(assignee), cancellationToken).ConfigureAwait(false))
        {
            open.Add(StorageJson.Read<CollectorTask>(entity));
        }

        return open;
    }

    public async Task<int> CountOpenAsync(string assignee, CancellationToken cancellationToken)
    {
        var table = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition(assignee)}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, TableOperations.PageSize, ["RowKey"], cancellationToken).AsPages().ConfigureAwait(false))
        {
            count += page.Values.Count;
        }

        return count;
    }

    public async Task<bool> TryAddAsync(CollectorTask task, CancellationToken cancellationToken)
    {
        var table = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var customerId = new CustomerId(task.CustomerId);
        var partition = sharding.PartitionKeyOf(customerId);
        var pointer = new TableEntity(partition, OpenKey(customerId, task.Slot)) { ["taskId"] = task.TaskId };
        return await TrySubmitAsync(table, [
            new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, task)),
            new TableTransactionAction(TableTransactionActionType.Add, pointer)], cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryReplaceAsync(CollectorTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task.ETag);
        var table = await _tasks.GetAsync(cancellationToken).ConfigureAwait(false);
        var customerId = new CustomerId(task.CustomerId);
        var partition = sharding.PartitionKeyOf(customerId);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(partition, task), new ETag(task.ETag)),
        };
        if (!task.IsOpen)
        {
            var pointer = await table.GetOrNullAsync(partition, OpenKey(customerId, task.Slot), cancellationToken).ConfigureAwait(false);
            if (pointer?.GetString("taskId") == task.TaskId)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, pointer, pointer.ETag));
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, ClosedKey(customerId, task.Slot))
            {
                ["taskId"] = task.TaskId,
                ["closedOn"] = EntityValues.FromDate(task.ClosedOn),
            }));
        }

        return await TrySubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
    }

    public async Task SyncIndexAsync(CollectorTask task, CancellationToken cancellationToken)
    {
        var table = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = IndexPartition(task.Assignee);
        if (task.IsOpen)
        {
            var entity = new TableEntity(partition, task.TaskId) { ["customerId"] = task.CustomerId, ["kind"] = KebabName<TaskKind>.Format(task.Kind) };
            StorageJson.Write(entity, task);
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return;
        }

        await RemoveFromIndexAsync(task.Assignee, task.TaskId, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveFromIndexAsync(string assignee, string taskId, CancellationToken cancellationToken)
    {
        var table = await _index.GetAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(IndexPartition(assignee), taskId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: a retried close or move.
        }
    }

    /// <summary>The index partition of an assignee: the id itself when key-safe, else a hash of it.</summary>
    public static string IndexPartition(string assignee) =>
        EntityKey.IsValid(assignee, out _)
            ? assignee
            : "h-" + XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(assignee)).ToString("x16", CultureInfo.InvariantCulture);

    private static string TaskKey(string taskId) => CompositeKey.Join("t", taskId);

    private static string OpenKey(CustomerId customerId, string slot) => CompositeKey.Join("c", customerId.Value, "open", slot);

    private static string ClosedKey(CustomerId customerId, string slot) => CompositeKey.Join("c", customerId.Value, "closed", slot);

    private static TableEntity ToEntity(string partition, CollectorTask task)
    {
        var entity = new TableEntity(partition, TaskKey(task.TaskId))
        {
            ["customerId"] = task.CustomerId,
            ["kind"] = KebabName<TaskKind>.Format(task.Kind),
            ["slot"] = task.Slot,
            ["assignee"] = task.Assignee,
            ["state"] = KebabName<TaskState>.Format(task.State),
            ["createdOn"] = EntityValues.FromDate(task.CreatedOn),
            ["closedOn"] = EntityValues.FromDate(task.ClosedOn),
        };
        StorageJson.Write(entity, task);
        return entity;
    }

    private static CollectorTask FromEntity(TableEntity entity) => StorageJson.Read<CollectorTask>(entity) with { ETag = entity.ETag.ToString() };

    /// <summary>Submits one partition's transaction; false when a condition failed (row exists, or changed since read).</summary>
    private static async Task<bool> TrySubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var action in actions)
        {
            EntityLimits.Validate(action.Entity);
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
