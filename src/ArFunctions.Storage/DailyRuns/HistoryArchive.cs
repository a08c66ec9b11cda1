using ArFunctions.Application.Ports;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// Which rows of a shard's read are closed history (docs/adr/0002-table-design.md, "Archive tables"):
/// <list type="bullet">
/// <item>the ledger rows of an invoice that is not open, or no longer in the invoices table: the engine reads the
/// ledger of open invoices only;</item>
/// <item>an invoice closed before the history window (<see cref="TableShardStore.HistoryDays"/>): paid before it, or,
/// cancelled or written off (which carry no closing date), due before it; with it, its payments;</item>
/// <item>a payment dated before the window whose invoice is not in the invoices table, and an interaction dated before it.</item>
/// </list>
/// A payment of an invoice still there stays whatever its date, as does everything the run's features read.
/// </summary>
internal static class HistorySelection
{
    public static bool IsClosedBefore(Invoice invoice, DateOnly windowStart) =>
        invoice.Status != InvoiceStatus.Open && (invoice.Status == InvoiceStatus.Paid ? invoice.PaidOn ?? invoice.DueDate : invoice.DueDate) < windowStart;
}

/// <summary>
/// The tables closed history moves between, each with its archive (moved by the daily run, read together by a
/// customer's detail): one handle per table for the life of the store, so each table's creation is checked once per
/// process, not once per move.
/// </summary>
internal sealed class HistoryTables(StorageTables tables)
{
    private readonly Dictionary<string, (TableHandle Hot, TableHandle Archive)> _handles =
        new[] { StorageTables.Ledger, StorageTables.Payments, StorageTables.Interactions, StorageTables.Invoices }
            .ToDictionary(t => t, t => (tables.Get(t), tables.Get(StorageTables.ArchiveOf(t))), StringComparer.Ordinal);

    public (TableHandle Hot, TableHandle Archive) this[string table] => _handles[table];
}

/// <summary>
/// The move of closed history (<see cref="HistorySelection"/>) to the archive tables, which have the same keys: each
/// group of rows is copied (an upsert, so a repeat rewrites the same row) before it is deleted under the ETag the read
/// saw. A row someone changed since the read (an invoice reopened by a refund, a ledger row updated) is not deleted
/// and is looked at again by the next run; a move cut short leaves rows in both tables, which the next run finishes.
/// Ledger rows and payments go before the invoices they belong to, so an invoice leaves last.
/// </summary>
internal sealed class HistoryArchiveMove(HistoryTables tables, DateOnly asOf, IReadOnlyList<(string Table, IReadOnlyList<TableEntity> Rows)> groups) : IHistoryArchive
{
    public int Rows { get; } = groups.Sum(g => g.Rows.Count);

    public async Task<int> MoveAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var (table, rows) in groups)
        {
            if (rows.Count == 0)
            {
                continue;
            }

            var (hotHandle, archiveHandle) = tables[table];
            var archive = await archiveHandle.GetAsync(cancellationToken).ConfigureAwait(false);
            await TableBatchWriter.SubmitGroupedAsync(
                archive, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Copy(r))), cancellationToken).ConfigureAwait(false);
            var hot = await hotHandle.GetAsync(cancellationToken).ConfigureAwait(false);
            moved += await DeleteAsync(hot, rows, cancellationToken).ConfigureAwait(false);
        }

        return moved;
    }

    private TableEntity Copy(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, row.RowKey) { ["archivedOn"] = EntityValues.FromDate(asOf) };
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or "archivedOn"))
            {
                copy[name] = value;
            }
        }

        return copy;
    }

    /// <summary>Deletes under the read's ETags, a transaction at a time; one that fails (a row changed or already gone) is retried row by row.</summary>
    private static async Task<int> DeleteAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)).ToList();
        foreach (var transaction in TableBatchWriter.GroupByPartition(actions).SelectMany(TableBatchWriter.Plan))
        {
            try
            {
                await table.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
                deleted += transaction.Count;
                continue;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                // Rolled back as a whole: try each row on its own.
            }

            foreach (var action in transaction)
            {
                try
                {
                    await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, action.Entity.ETag, cancellationToken).ConfigureAwait(false);
                    deleted++;
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    // Gone already (an earlier attempt), or changed since the read: the next run decides again.
                }
            }
        }

        return deleted;
    }
}
