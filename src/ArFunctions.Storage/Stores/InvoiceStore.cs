using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

/// <summary>
/// Invoices by shard (<see cref="InvoiceEntityMapper"/>), kept findable by invoice id through the
/// <see cref="InvoiceIndexStore"/>. Scans come in RowKey order: grouped by customer, but because '|' sorts after
/// letters, digits and '-', customer "A-1" comes before "A" here while the Customers table has "A" first.
/// </summary>
public sealed class InvoiceStore(StorageTables tables, Sharding sharding, InvoiceIndexStore index, ILogger<InvoiceStore> logger)
{
    private readonly TableHandle _table = tables.Get(StorageTables.Invoices);

    /// <summary>
    /// Inserts or replaces invoices (batched per shard), then their index rows. Not atomic across the two tables:
    /// a failure in between leaves an invoice a webhook cannot find yet; upserting again completes it.
    /// </summary>
    public async Task UpsertAsync(IEnumerable<Invoice> invoices, CancellationToken cancellationToken)
    {
        var list = invoices.ToList();
        await _table.UpsertAsync(list.Select(i => InvoiceEntityMapper.ToEntity(i, sharding.PartitionKeyOf(i.CustomerId))), logger, cancellationToken).ConfigureAwait(false);
        await index.UpsertAsync(list, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Invoice?> GetAsync(CustomerId customerId, InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(sharding.PartitionKeyOf(customerId), InvoiceEntityMapper.RowKey(customerId, invoiceId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : InvoiceEntityMapper.FromEntity(entity);
    }

    /// <summary>Finds an invoice by its id alone, through the index; null when unknown.</summary>
    public async Task<Invoice?> FindAsync(InvoiceId invoiceId, CancellationToken cancellationToken) =>
        await FindRowAsync(invoiceId, cancellationToken).ConfigureAwait(false) is { } entity ? InvoiceEntityMapper.FromEntity(entity) : null;

    /// <summary>The invoice's stored row, found by its id alone through the index (two point reads); null when unknown.</summary>
    public async Task<TableEntity?> FindRowAsync(InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        var location = await index.FindAsync(invoiceId, cancellationToken).ConfigureAwait(false);
        if (location is null)
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await table.GetOrNullAsync(sharding.PartitionKeyOf(location.CustomerId), InvoiceEntityMapper.RowKey(location.CustomerId, invoiceId), cancellationToken).ConfigureAwait(false);
    }

    public IAsyncEnumerable<Invoice> StreamShardAsync(int shard, CancellationToken cancellationToken) =>
        StreamAsync(shard, null, cancellationToken);

    /// <summary>The shard's invoices with status open; the filter runs in the service.</summary>
    public IAsyncEnumerable<Invoice> StreamOpenInShardAsync(int shard, CancellationToken cancellationToken) =>
        StreamAsync(shard, TableClient.CreateQueryFilter($"status eq {KebabName<InvoiceStatus>.Format(InvoiceStatus.Open)}"), cancellationToken);

    /// <summary>One customer's invoices: a RowKey range within its shard.</summary>
    public IAsyncEnumerable<Invoice> StreamCustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var from = customerId.Value + EntityKey.Separator;
        var to = CompositeKey.PrefixEnd(customerId.Value);
        return StreamAsync(sharding.ShardOf(customerId), TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}"), cancellationToken);
    }

    private async IAsyncEnumerable<Invoice> StreamAsync(int shard, string? extraFilter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Sharding.PartitionKey(shard)}");
        if (extraFilter is not null)
        {
            filter += " and " + extraFilter;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            yield return InvoiceEntityMapper.FromEntity(entity);
        }
    }
}
