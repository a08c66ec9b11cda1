using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

/// <summary>
/// Credits by shard (<see cref="CreditEntityMapper"/>): credit memos and unapplied cash from imports and intake,
/// overpayments from the payment webhooks. A credit is upserted whole under its id, so a re-import or a repeated
/// webhook changes nothing twice.
/// </summary>
public sealed class CreditStore(StorageTables tables, Sharding sharding, ILogger<CreditStore> logger)
{
    private readonly TableHandle _table = tables.Get(StorageTables.Credits);

    public Task UpsertAsync(IEnumerable<Credit> credits, CancellationToken cancellationToken) =>
        _table.UpsertAsync(credits.Select(c => CreditEntityMapper.ToEntity(c, sharding.PartitionKeyOf(c.CustomerId))), logger, cancellationToken);

    public async IAsyncEnumerable<Credit> StreamShardAsync(int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(Sharding.PartitionKey(shard), cancellationToken).ConfigureAwait(false))
        {
            yield return CreditEntityMapper.FromEntity(entity);
        }
    }

    public async IAsyncEnumerable<Credit> StreamCustomerAsync(CustomerId customerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {sharding.PartitionKeyOf(customerId)} and RowKey ge {customerId.Value + EntityKey.Separator} and RowKey lt {CompositeKey.PrefixEnd(customerId.Value)}");
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            yield return CreditEntityMapper.FromEntity(entity);
        }
    }
}
