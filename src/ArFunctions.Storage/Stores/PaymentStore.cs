using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

/// <summary>Payments by shard (<see cref="PaymentEntityMapper"/>): the history behind payment-behaviour features.</summary>
public sealed class PaymentStore(StorageTables tables, Sharding sharding, ILogger<PaymentStore> logger)
{
    private readonly TableHandle _table = tables.Get(StorageTables.Payments);

    public Task UpsertAsync(IEnumerable<Payment> payments, CancellationToken cancellationToken) =>
        _table.UpsertAsync(payments.Select(p => PaymentEntityMapper.ToEntity(p, sharding.PartitionKeyOf(p.CustomerId))), logger, cancellationToken);

    public async IAsyncEnumerable<Payment> StreamShardAsync(int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(Sharding.PartitionKey(shard), cancellationToken).ConfigureAwait(false))
        {
            yield return PaymentEntityMapper.FromEntity(entity);
        }
    }
}
