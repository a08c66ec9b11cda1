using ArFunctions.Application.Contacts;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Contacts;

/// <summary>
/// The ContactStates table: PartitionKey the customer's shard, RowKey <c>customerId|contactKey</c>
/// (<see cref="ContactKeys.Of"/>), so a shard's states are one partition query and a customer's one range query. The
/// row holds the address, the unusable mark (<c>unusableStatus</c>, <c>unusableAt</c>, <c>unusableReport</c>,
/// <c>unusableDetails</c>), the opt-out (<c>optedOutAt</c>, <c>optedOutSource</c>), <c>lastReportAt</c> and
/// <c>fixTaskId</c>. Written under the ETag read (or added when absent), so concurrent reports and opt-outs do not
/// overwrite each other.
/// </summary>
public sealed class TableContactStateStore(StorageTables tables, Sharding sharding) : IContactStateStore
{
    private const int MaxAttempts = 10;

    private readonly TableHandle _table = tables.Get(StorageTables.ContactStates);

    public async Task<IReadOnlyList<ContactState>> GetAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var prefix = customerId.Value + EntityKey.Separator;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {sharding.PartitionKeyOf(customerId)} and RowKey ge {prefix} and RowKey lt {CompositeKey.PrefixEnd(customerId.Value)}");
        var states = new List<ContactState>();
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            states.Add(FromEntity(entity));
        }

        return states;
    }

    /// <summary>Every customer's contact states in <paramref name="shard"/>: one partition query.</summary>
    public async Task<IReadOnlyDictionary<CustomerId, IReadOnlyList<ContactState>>> GetShardAsync(int shard, CancellationToken cancellationToken)
    {
        sharding.EnsureShard(shard);
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<CustomerId, List<ContactState>>();
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(Sharding.PartitionKey(shard), cancellationToken).ConfigureAwait(false))
        {
            var customerId = new CustomerId(CompositeKey.Split(entity.RowKey, 2)[0]);
            if (!states.TryGetValue(customerId, out var list))
            {
                states[customerId] = list = [];
            }

            list.Add(FromEntity(entity));
        }

        return states.ToDictionary(p => p.Key, p => (IReadOnlyList<ContactState>)p.Value);
    }

    public async Task<ContactState?> UpdateAsync(CustomerId customerId, string address, Func<ContactState, ContactState?> change, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = sharding.PartitionKeyOf(customerId);
        var rowKey = CompositeKey.Join(customerId.Value, ContactKeys.Of(address));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await table.GetOrNullAsync(partition, rowKey, cancellationToken).ConfigureAwait(false);
            if (change(stored is null ? new ContactState(ContactKeys.Normalize(address)) : FromEntity(stored)) is not { } next)
            {
                return null;
            }

            var entity = ToEntity(partition, rowKey, next);
            var written = stored is null
                ? await table.TryAddAsync(entity, cancellationToken).ConfigureAwait(false)
                : (await table.TryUpdateAsync(entity, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)).Succeeded;
            if (written)
            {
                return next;
            }
        }

        throw new RequestFailedException(412, $"The state of a contact of customer {customerId} kept changing; the change will be retried.");
    }

    private static TableEntity ToEntity(string partition, string rowKey, ContactState state) => new(partition, rowKey)
    {
        ["address"] = state.Address,
        ["unusableStatus"] = state.Unusable is { } u ? KebabName<UnusableStatus>.Format(u.Status) : null,
        ["unusableAt"] = state.Unusable?.At,
        ["unusableReport"] = state.Unusable?.Report,
        ["unusableDetails"] = state.Unusable?.Details,
        ["optedOutAt"] = state.OptedOut?.At,
        ["optedOutSource"] = state.OptedOut?.Source,
        ["lastReportAt"] = state.LastReportAt,
        ["fixTaskId"] = state.FixTaskId,
    };

    private static ContactState FromEntity(TableEntity entity) => new(entity.GetString("address") ?? string.Empty)
    {
        Unusable = entity.GetString("unusableStatus") is { } status && KebabName<UnusableStatus>.TryParse(status, out var parsed) && entity.GetDateTimeOffset("unusableAt") is { } at
            ? new ContactUnusable(parsed, at, entity.GetString("unusableReport") ?? string.Empty, entity.GetString("unusableDetails"))
            : null,
        OptedOut = entity.GetDateTimeOffset("optedOutAt") is { } optedOutAt
            ? new ContactOptOut(optedOutAt, entity.GetString("optedOutSource") ?? string.Empty)
            : null,
        LastReportAt = entity.GetDateTimeOffset("lastReportAt"),
        FixTaskId = entity.GetString("fixTaskId"),
    };
}
