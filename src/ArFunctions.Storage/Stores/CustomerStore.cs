using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

/// <summary>Customers by shard (<see cref="CustomerEntityMapper"/>).</summary>
public sealed class CustomerStore(StorageTables tables, Sharding sharding, ILogger<CustomerStore> logger)
{
    private readonly TableHandle _table = tables.Get(StorageTables.Customers);

    /// <summary>Inserts or replaces customers, batched per shard.</summary>
    public Task UpsertAsync(IEnumerable<Customer> customers, CancellationToken cancellationToken) =>
        _table.UpsertAsync(customers.Select(c => CustomerEntityMapper.ToEntity(c, sharding.PartitionKeyOf(c.Id))), logger, cancellationToken);

    public async Task<Customer?> GetAsync(CustomerId id, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(sharding.PartitionKeyOf(id), id.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : CustomerEntityMapper.FromEntity(entity);
    }

    /// <summary>The shard's customers in ordinal order of their ids, streamed page by page.</summary>
    public async IAsyncEnumerable<Customer> StreamShardAsync(int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(Sharding.PartitionKey(shard), cancellationToken).ConfigureAwait(false))
        {
            yield return CustomerEntityMapper.FromEntity(entity);
        }
    }
}
