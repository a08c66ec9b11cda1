using System.Globalization;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// The daily run's view of a shard. A read is one whole-partition scan per table (customers, invoices, payments, credits,
/// interactions, customer states, the ledger, contact states), run concurrently, filtered to what the run reads
/// (<see cref="ShardHistory"/>: invoices open or paid within 400 days, payments of 400 days, interactions of 90 days,
/// the ledger of open invoices) and grouped by customer id in memory: row keys start with the customer id, but '|'
/// sorts after id characters, so the scans cannot be merge-joined by position (ADR 0002). What the scans return beyond
/// that is closed history, which the snapshot's <see cref="ShardSnapshot.Archive"/> moves to the archive tables.
/// </summary>
public sealed class TableShardStore(StorageTables tables, Sharding sharding, LedgerStore ledger, TableRunStore runs, ILogger<TableShardStore> logger) : IShardStore
{
    /// <summary>The history window: invoices paid and payments made within it are read for the features (12 months) with room to spare.</summary>
    public const int HistoryDays = 400;

    /// <summary>The interactions the features read: 90 days.</summary>
    public const int InteractionDays = 90;

    private const int MaxStatusAttempts = 10;

    private readonly TableHandle _customers = tables.Get(StorageTables.Customers);
    private readonly TableHandle _invoices = tables.Get(StorageTables.Invoices);
    private readonly TableHandle _payments = tables.Get(StorageTables.Payments);
    private readonly TableHandle _credits = tables.Get(StorageTables.Credits);
    private readonly TableHandle _interactions = tables.Get(StorageTables.Interactions);
    private readonly TableHandle _ledger = tables.Get(StorageTables.Ledger);
    private readonly TableHandle _states = tables.Get(StorageTables.CustomerStates);
    private readonly TableHandle _actions = tables.Get(StorageTables.Actions);
    private readonly TableHandle _history = tables.Get(StorageTables.SegmentHistory);
    private readonly Contacts.TableContactStateStore _contacts = new(tables, sharding);
    private readonly HistoryTables _historyTables = new(tables);

    public int ShardCount => sharding.ShardCount;

    /// <summary>The contact states, read with the shard here and per customer by the email handler's fresh reads.</summary>
    internal Contacts.TableContactStateStore ContactStates => _contacts;

    public async Task<ShardSnapshot> ReadAsync(int shard, DateOnly asOf, CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var partition = Sharding.PartitionKey(shard);
        var customers = ScanAsync(_customers, partition, cancellationToken);
        var invoices = ScanAsync(_invoices, partition, cancellationToken);
        var payments = ScanAsync(_payments, partition, cancellationToken);
        var credits = ScanAsync(_credits, partition, cancellationToken);
        var interactions = ScanAsync(_interactions, partition, cancellationToken);
        var states = ScanAsync(_states, partition, cancellationToken);
        var entries = ScanAsync(_ledger, partition, cancellationToken);
        var ranks = runs.GetRanksAsync(shard, cancellationToken);
        var contacts = _contacts.GetShardAsync(shard, cancellationToken);
        await Task.WhenAll(customers, invoices, payments, credits, interactions, states, entries, ranks, contacts).ConfigureAwait(false);

        var history = new ShardHistory(asOf, invoices.Result, payments.Result, interactions.Result, entries.Result);
        var grouped = ShardGrouping.Group(
            [.. customers.Result.Select(CustomerEntityMapper.FromEntity)],
            history.Invoices,
            history.Payments,
            // Every credit: one used up (amount 0) takes no part in the allocation, and the rest count whatever their age.
            [.. credits.Result.Select(CreditEntityMapper.FromEntity)],
            history.Interactions,
            [.. states.Result.Select(CustomerStateEntities.FromEntity)],
            history.Ledger);
        var rowsRead = customers.Result.Count + invoices.Result.Count + payments.Result.Count + credits.Result.Count
            + interactions.Result.Count + states.Result.Count + entries.Result.Count + contacts.Result.Sum(c => c.Value.Count);
        return new ShardSnapshot(WithContactStates(grouped, contacts.Result), ranks.Result)
        {
            RowsRead = rowsRead,
            Archive = history.Archived.Sum(g => g.Rows.Count) == 0 ? null : new HistoryArchiveMove(_historyTables, asOf, history.Archived),
        };
    }

    private static IReadOnlyList<ShardCustomer> WithContactStates(IReadOnlyList<ShardCustomer> customers, IReadOnlyDictionary<CustomerId, IReadOnlyList<ContactState>> states) =>
        states.Count == 0
            ? customers
            : customers.Select(c => states.TryGetValue(c.Customer.Id, out var own) ? c with { ContactStates = [.. own] } : c).ToArray();

    public async Task<IReadOnlyDictionary<string, string?>> RecordLedgerAsync(int shard, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken)
    {
        var rows = writes.Select(LedgerEntries.ToRow).ToArray();
        var recorded = await ledger.TryRecordManyAsync(rows, cancellationToken).ConfigureAwait(false);
        var fresh = recorded.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var before = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => !fresh.Contains(r.RowKey)))
        {
            var existing = await ledger.GetAsync(row.CustomerId, row.InvoiceId, row.StrategyVersion, row.StepId, cancellationToken).ConfigureAwait(false);
            before[row.RowKey] = existing?.Value.ActionId;
        }

        // A step recorded before its invoice closed and went to the archive is recorded still: it is not done again.
        foreach (var archived in await ledger.RestoreArchivedAsync(shard, recorded, cancellationToken).ConfigureAwait(false))
        {
            before[archived.RowKey] = archived.ActionId;
        }

        return before;
    }

    public async Task<IReadOnlyList<string>> AddActionsAsync(int shard, DateOnly asOf, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Sharding.PartitionKey(shard);
        var entities = actions.Select(a => ActionEntities.ToEntity(partition, asOf, a, ActionStatus.Planned)).ToArray();
        var added = (await TableBatchWriter.AddAbsentAsync(table, entities, cancellationToken).ConfigureAwait(false)).Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var toQueue = new List<string>(entities.Length);
        foreach (var entity in entities)
        {
            // One that exists is from an interrupted attempt: queue it again while it is still planned.
            if (added.Contains(entity.RowKey) || await IsStillPlannedAsync(table, entity, cancellationToken).ConfigureAwait(false))
            {
                toQueue.Add(entity.RowKey);
            }
        }

        return toQueue;
    }

    /// <summary>Only while the stored action may still take <paramref name="status"/>: a handler's claim or outcome is never overwritten.</summary>
    public async Task ReplaceActionAsync(int shard, DateOnly asOf, PlannedAction action, ActionStatus status, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = ActionEntities.ToEntity(Sharding.PartitionKey(shard), asOf, action, status);
        for (var attempt = 0; attempt < MaxStatusAttempts; attempt++)
        {
            var stored = await table.GetOrNullAsync(entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                if (await table.TryAddAsync(entity, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (!ActionStatusOrder.MayMove(EntityValues.RequiredEnum<ActionStatus>(stored, "status"), status))
            {
                return;
            }

            if ((await table.TryUpdateAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Outcome != UpdateOutcome.Conflict)
            {
                return;
            }
        }

        throw new RequestFailedException(412, $"Action {action.ActionId} kept changing; it will be rewritten on retry.");
    }

    /// <summary>
    /// Moves each action to <paramref name="status"/> where the order allows (<see cref="ActionStatusOrder"/>): one
    /// batch under the ETags just read, or, when a handler moved one meanwhile, one guarded write each.
    /// </summary>
    public async Task SetActionStatusAsync(int shard, IReadOnlyList<string> actionIds, ActionStatus status, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Sharding.PartitionKey(shard);
        var stored = await Task.WhenAll(actionIds.Select(id => table.GetOrNullAsync(partition, id, cancellationToken))).ConfigureAwait(false);
        var format = KebabName<ActionStatus>.Format(status);
        var patches = stored
            .Where(e => e is not null && ActionStatusOrder.MayMove(EntityValues.RequiredEnum<ActionStatus>(e, "status"), status))
            .Select(e => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(partition, e!.RowKey) { ["status"] = format }, e.ETag))
            .ToList();
        foreach (var transaction in TableBatchWriter.Plan(patches))
        {
            try
            {
                await table.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException)
            {
                // A handler claimed or finished one meanwhile: move the rest one by one, each under its own check.
                foreach (var action in transaction)
                {
                    await ActionStatusWrites.TryMoveAsync(table, partition, action.Entity.RowKey, status, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public async Task<IReadOnlyList<ActionMessage>> GetUnqueuedActionsAsync(int shard, DateOnly asOf, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        // Ids start with their day, so the query reads the day's actions only, however many days the partition holds.
        var day = PlannedAction.IdDay(asOf);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Sharding.PartitionKey(shard)} and RowKey ge {day + "-"} and RowKey lt {day + "."} and asOf eq {EntityValues.FromDate(asOf)} and status eq {KebabName<ActionStatus>.Format(ActionStatus.Planned)}");
        var messages = new List<ActionMessage>();
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            var action = ActionEntities.FromEntity(entity);
            messages.Add(new ActionMessage(action.ActionId, shard, action.CustomerId.Value, KebabName<ActionKind>.Format(action.Kind), asOf));
        }

        return messages;
    }

    /// <summary>The stored action with this id in the shard, or null.</summary>
    public async Task<StoredAction?> GetActionAsync(int shard, string actionId, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(Sharding.PartitionKey(shard), actionId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ActionEntities.FromEntity(entity);
    }

    /// <summary>Every stored action of the shard, for audits and tests.</summary>
    public IAsyncEnumerable<StoredAction> StreamActionsAsync(int shard, CancellationToken cancellationToken) =>
        StreamAsync(_actions, Sharding.PartitionKey(shard), ActionEntities.FromEntity, cancellationToken);

    public async Task SaveStatesAsync(int shard, IReadOnlyList<CustomerState> states, CancellationToken cancellationToken)
    {
        var partition = Sharding.PartitionKey(shard);
        await _states.UpsertAsync(states.Select(s => CustomerStateEntities.ToEntity(partition, s)), logger, cancellationToken).ConfigureAwait(false);
    }

    public async Task AddSegmentMovesAsync(int shard, IReadOnlyList<SegmentMove> moves, CancellationToken cancellationToken)
    {
        var partition = Sharding.PartitionKey(shard);
        await _history.UpsertAsync(moves.Select(m => new TableEntity(partition, CompositeKey.Join(m.CustomerId.Value, m.On.ToString("yyyyMMdd", CultureInfo.InvariantCulture)))
        {
            ["customerId"] = m.CustomerId.Value,
            ["on"] = EntityValues.FromDate(m.On),
            ["from"] = m.From,
            ["to"] = m.To,
            ["matchedRule"] = m.MatchedRule,
            ["triggers"] = System.Text.Json.JsonSerializer.Serialize(m.Triggers),
        }), logger, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsStillPlannedAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        var stored = await table.GetOrNullAsync(entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false);
        return stored?.GetString("status") == KebabName<ActionStatus>.Format(ActionStatus.Planned);
    }

    /// <summary>The whole partition, unfiltered: what the service scans is what comes back, and the archive keeps it small.</summary>
    private static async Task<List<TableEntity>> ScanAsync(TableHandle handle, string partition, CancellationToken cancellationToken)
    {
        var table = await handle.GetAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(partition, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(entity);
        }

        return rows;
    }

    private static async IAsyncEnumerable<T> StreamAsync<T>(TableHandle handle, string partition, Func<TableEntity, T> map, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await handle.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(partition, cancellationToken).ConfigureAwait(false))
        {
            yield return map(entity);
        }
    }
}
