using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

/// <summary>Interactions by shard (<see cref="InteractionEntityMapper"/>).</summary>
public sealed class InteractionStore(StorageTables tables, Sharding sharding, ILogger<InteractionStore> logger)
{
    private readonly TableHandle _table = tables.Get(StorageTables.Interactions);

    /// <summary>
    /// Inserts or replaces interactions, batched per shard. Rows are keyed by content (see
    /// <see cref="InteractionEntityMapper"/>): re-importing the same interactions changes nothing, a new interaction
    /// never overwrites another, and identical interactions (same customer, day, kind, outcome and note) are kept
    /// apart only when written in the same call; written in separate calls they are taken as a retry and stored once.
    /// </summary>
    public Task UpsertAsync(IEnumerable<Interaction> interactions, CancellationToken cancellationToken)
    {
        var occurrences = new Dictionary<Interaction, int>();
        var entities = interactions.Select(interaction =>
        {
            var occurrence = occurrences.GetValueOrDefault(interaction);
            occurrences[interaction] = occurrence + 1;
            return InteractionEntityMapper.ToEntity(interaction, occurrence, sharding.PartitionKeyOf(interaction.CustomerId));
        });
        return _table.UpsertAsync(entities, logger, cancellationToken);
    }

    public async IAsyncEnumerable<Interaction> StreamShardAsync(int shard, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(Sharding.PartitionKey(shard), cancellationToken).ConfigureAwait(false))
        {
            yield return InteractionEntityMapper.FromEntity(entity);
        }
    }
}
