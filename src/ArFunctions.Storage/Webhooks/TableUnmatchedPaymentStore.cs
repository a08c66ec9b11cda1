using System.Text.Json;
using ArFunctions.Application.Webhooks;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Webhooks;

/// <summary>UnmatchedPayments: one partition ("unmatched"; a short list people work through), RowKey = the unmatched id.</summary>
public sealed class TableUnmatchedPaymentStore(StorageTables tables) : IUnmatchedPaymentStore
{
    public const string Partition = "unmatched";

    private readonly TableHandle _table = tables.Get(StorageTables.UnmatchedPayments);

    public async Task AddAsync(UnmatchedPayment unmatched, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.TryAddAsync(ToEntity(unmatched), cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stored<UnmatchedPayment>?> GetAsync(string unmatchedId, CancellationToken cancellationToken)
    {
        if (!Domain.Common.EntityKey.IsValid(unmatchedId, out _))
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(Partition, unmatchedId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new Stored<UnmatchedPayment>(FromEntity(entity), entity.ETag.ToString());
    }

    public async Task<IReadOnlyList<UnmatchedPayment>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<UnmatchedPayment>();
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(Partition, cancellationToken).ConfigureAwait(false))
        {
            var row = FromEntity(entity);
            if (row.ResolvedInvoiceId is null)
            {
                list.Add(row);
            }
        }

        return list;
    }

    public async Task<bool> TryReplaceAsync(UnmatchedPayment unmatched, string version, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await table.TryUpdateAsync(ToEntity(unmatched), new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    private static TableEntity ToEntity(UnmatchedPayment row) => new(Partition, row.UnmatchedId)
    {
        ["row"] = JsonSerializer.Serialize(row, QueueSender.SerializerOptions),
        ["resolvedInvoiceId"] = row.ResolvedInvoiceId,
    };

    private static UnmatchedPayment FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<UnmatchedPayment>(EntityValues.RequiredString(entity, "row"), QueueSender.SerializerOptions)
            ?? throw EntityValues.Broken(entity, "row", "is null");
}
