using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

/// <summary>
/// The once-only record of strategy steps. A step is recorded with a conditional insert: whoever inserts first owns
/// the step, every later attempt (a retry, a replayed message, a second run of the same day) learns it was already
/// there. Later changes (sent, cancelled) are ETag-guarded so two writers never overwrite each other unseen.
/// </summary>
public sealed class LedgerStore(StorageTables tables, Sharding sharding, ILogger<LedgerStore> logger)
{
    /// <summary>Row keys per archive query: the service allows 15 comparisons in a filter, one of them the partition's.</summary>
    private const int KeysPerArchiveQuery = 14;

    private readonly TableHandle _table = tables.Get(StorageTables.Ledger);
    private readonly TableHandle _archive = tables.Get(StorageTables.LedgerArchive);

    /// <summary>Records the step unless it is already recorded; false means another attempt got there first.</summary>
    public async Task<bool> TryRecordAsync(LedgerRow row, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var added = await table.TryAddAsync(row.ToEntity(sharding.PartitionKeyOf(row.CustomerId)), cancellationToken).ConfigureAwait(false);
        if (!added)
        {
            logger.LedgerDuplicate(row.RowKey, _table.Name);
        }

        return added;
    }

    /// <summary>
    /// Records many steps, returning those that were new. Inserts go in transactions per shard; a transaction that
    /// meets an existing row is rolled back by the service and its rows are then tried one by one.
    /// </summary>
    public async Task<IReadOnlyList<LedgerRow>> TryRecordManyAsync(IEnumerable<LedgerRow> rows, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var byRowKey = new Dictionary<(string, string), LedgerRow>();
        var entities = new List<ITableEntity>();
        foreach (var row in rows)
        {
            var entity = row.ToEntity(sharding.PartitionKeyOf(row.CustomerId));
            if (byRowKey.TryAdd((entity.PartitionKey, entity.RowKey), row))
            {
                entities.Add(entity);
            }
        }

        var added = await TableBatchWriter.AddAbsentAsync(table, entities, cancellationToken).ConfigureAwait(false);
        var fresh = added.Select(e => (e.PartitionKey, e.RowKey)).ToHashSet();
        foreach (var entity in entities.Where(e => !fresh.Contains((e.PartitionKey, e.RowKey))))
        {
            logger.LedgerDuplicate(entity.RowKey, _table.Name);
        }

        return [.. added.Select(e => byRowKey[(e.PartitionKey, e.RowKey)])];
    }

    public async Task<Versioned<LedgerRow>?> GetAsync(
        CustomerId customerId, InvoiceId invoiceId, string strategyVersion, string stepId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var rowKey = CompositeKey.Join(invoiceId.Value, strategyVersion, stepId);
        var entity = await table.GetOrNullAsync(sharding.PartitionKeyOf(customerId), rowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Versioned<LedgerRow>(LedgerRow.FromEntity(entity), entity.ETag);
    }

    /// <summary>Replaces the row if nobody changed it since <paramref name="etag"/> was read.</summary>
    public async Task<UpdateResult> TryUpdateAsync(LedgerRow row, ETag etag, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = row.ToEntity(sharding.PartitionKeyOf(row.CustomerId));
        var result = await table.TryUpdateAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            logger.LedgerUpdateRefused(row.RowKey, _table.Name, result.Outcome);
        }

        return result;
    }

    /// <summary>
    /// The rows of <paramref name="rows"/> (all of one shard) that the archive holds: steps of an invoice whose ledger
    /// went to the archive when it closed (docs/adr/0002-table-design.md, "Archive tables") and that is open again.
    /// Each found row is put back in the ledger as archived, so it is the step's record again. One query when the
    /// shard's archive is empty, else one per 14 rows.
    /// </summary>
    public async Task<IReadOnlyList<LedgerRow>> RestoreArchivedAsync(int shard, IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var partition = Sharding.PartitionKey(shard);
        var archive = await _archive.GetAsync(cancellationToken).ConfigureAwait(false);
        var any = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var page in archive.QueryAsync<TableEntity>(any, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            if (page.Values.Count > 0)
            {
                return await RestoreAsync(archive, partition, rows, cancellationToken).ConfigureAwait(false);
            }

            if (page.ContinuationToken is null)
            {
                break;
            }
        }

        return [];
    }

    private async Task<IReadOnlyList<LedgerRow>> RestoreAsync(TableClient archive, string partition, IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>();
        foreach (var chunk in rows.Select(r => r.RowKey).Distinct(StringComparer.Ordinal).Chunk(KeysPerArchiveQuery))
        {
            var keys = string.Join(" or ", chunk.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")));
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" + keys + ")";
            await foreach (var entity in archive.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
            {
                found.Add(entity);
            }
        }

        if (found.Count == 0)
        {
            return [];
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var restored = found.Select(LedgerRow.FromEntity).ToArray();
        await TableBatchWriter.SubmitAsync(
            table, restored.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r.ToEntity(partition))), cancellationToken).ConfigureAwait(false);
        foreach (var row in restored)
        {
            logger.LedgerRestored(row.RowKey, _table.Name);
        }

        return restored;
    }

    public async IAsyncEnumerable<LedgerRow> StreamShardAsync(int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(Sharding.PartitionKey(shard), cancellationToken).ConfigureAwait(false))
        {
            yield return LedgerRow.FromEntity(entity);
        }
    }
}
