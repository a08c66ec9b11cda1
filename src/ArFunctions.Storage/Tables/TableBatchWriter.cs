using Azure.Data.Tables;

namespace ArFunctions.Storage.Tables;

/// <summary>
/// Writes actions of one partition as entity group transactions, in order: at most <see cref="MaxActions"/> actions
/// and at most <see cref="MaxTransactionBytes"/> of estimated request body each, and never two actions on one entity
/// in the same transaction. Every entity is checked against <see cref="EntityLimits"/> before anything is sent.
/// Each transaction is atomic; the sequence is not: when transaction k fails, transactions before it stay committed,
/// so callers write idempotently (upserts, conditional adds) and retry the whole sequence.
/// </summary>
public static class TableBatchWriter
{
    public const int MaxActions = 100;

    /// <summary>The service caps a transaction at 4 MiB; we fill to this estimate and keep the rest as margin.</summary>
    public const long MaxTransactionBytes = (4L * 1024 * 1024) - (128 * 1024);

    /// <summary>Submits actions that all share one partition key; returns how many transactions were sent.</summary>
    /// <exception cref="ArgumentException">The actions span more than one partition.</exception>
    /// <exception cref="StorageLimitException">An entity breaks an Azure limit; nothing was sent.</exception>
    public static async Task<int> SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var transactions = Plan(actions.ToList());
        await SubmitPlannedAsync(table, transactions, cancellationToken).ConfigureAwait(false);
        return transactions.Count;
    }

    /// <summary>
    /// Groups actions by partition (<see cref="GroupByPartition"/>) and submits each group; returns the number of
    /// transactions. Every entity of every group is checked before the first transaction is sent.
    /// </summary>
    public static async Task<int> SubmitGroupedAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var transactions = GroupByPartition(actions).SelectMany(Plan).ToList();
        await SubmitPlannedAsync(table, transactions, cancellationToken).ConfigureAwait(false);
        return transactions.Count;
    }

    /// <summary>
    /// Adds every entity that does not exist yet (a conditional insert), in transactions per partition; an entity that
    /// exists is left as stored. A transaction that meets an existing row is rolled back by the service, and its rows
    /// are then tried one by one. Returns the entities added, in order: the caller tells a fresh write from a repeat.
    /// </summary>
    public static async Task<IReadOnlyList<ITableEntity>> AddAbsentAsync(TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken)
    {
        var added = new List<ITableEntity>();
        var actions = entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e));
        foreach (var transaction in GroupByPartition(actions).SelectMany(Plan).ToList())
        {
            try
            {
                await table.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
                added.AddRange(transaction.Select(a => a.Entity));
                continue;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Some row exists (an interrupted attempt wrote it): the whole transaction was rolled back.
            }

            foreach (var action in transaction)
            {
                if (await table.TryAddAsync(action.Entity, cancellationToken).ConfigureAwait(false))
                {
                    added.Add(action.Entity);
                }
            }
        }

        return added;
    }

    /// <summary>Splits a mixed list into one list per partition key, keeping the order within each partition.</summary>
    public static IReadOnlyList<IReadOnlyList<TableTransactionAction>> GroupByPartition(IEnumerable<TableTransactionAction> actions)
    {
        var groups = new Dictionary<string, List<TableTransactionAction>>(StringComparer.Ordinal);
        var order = new List<List<TableTransactionAction>>();
        foreach (var action in actions)
        {
            var key = action.Entity.PartitionKey ?? "";
            if (!groups.TryGetValue(key, out var group))
            {
                group = [];
                groups.Add(key, group);
                order.Add(group);
            }

            group.Add(action);
        }

        return order;
    }

    /// <summary>
    /// The transactions <see cref="SubmitAsync"/> would send, without sending them.
    /// </summary>
    /// <exception cref="ArgumentException">The actions span more than one partition.</exception>
    /// <exception cref="StorageLimitException">An entity breaks an Azure limit.</exception>
    public static IReadOnlyList<IReadOnlyList<TableTransactionAction>> Plan(IReadOnlyList<TableTransactionAction> actions)
    {
        EnsureOnePartition(actions);
        var transactions = new List<IReadOnlyList<TableTransactionAction>>();
        var current = new List<TableTransactionAction>();
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        foreach (var action in actions)
        {
            EntityLimits.Validate(action.Entity);
            var size = EntityLimits.EstimateRequestBytes(action.Entity);
            if (current.Count == MaxActions || bytes + size > MaxTransactionBytes || rowKeys.Contains(action.Entity.RowKey))
            {
                transactions.Add(current);
                current = [];
                rowKeys.Clear();
                bytes = 0;
            }

            current.Add(action);
            rowKeys.Add(action.Entity.RowKey);
            bytes += size;
        }

        if (current.Count > 0)
        {
            transactions.Add(current);
        }

        return transactions;
    }

    private static void EnsureOnePartition(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            return;
        }

        var first = actions[0].Entity.PartitionKey;
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, first, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A table transaction holds one partition, but the actions span '{first}' and '{action.Entity.PartitionKey}'. "
                    + $"Split them with {nameof(TableBatchWriter)}.{nameof(GroupByPartition)} or use {nameof(SubmitGroupedAsync)}.",
                    nameof(actions));
            }
        }
    }

    private static async Task SubmitPlannedAsync(TableClient table, IReadOnlyList<IReadOnlyList<TableTransactionAction>> transactions, CancellationToken cancellationToken)
    {
        foreach (var transaction in transactions)
        {
            await table.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
    }
}
