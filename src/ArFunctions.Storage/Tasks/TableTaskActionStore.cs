using ArFunctions.Application.Ports;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Tables;

namespace ArFunctions.Storage.Tasks;

/// <summary>The stored actions (Actions table) behind ar-tasks messages; every status change is a guarded forward move that also records its reason.</summary>
public sealed class TableTaskActionStore(StorageTables tables, Sharding sharding, TableShardStore shards) : ITaskActionStore
{
    private readonly TableHandle _actions = tables.Get(StorageTables.Actions);

    public async Task<TaskAction?> GetAsync(int shard, string actionId, CancellationToken cancellationToken)
    {
        // A message is outside input: a shard or id that cannot be a key names no action.
        if (shard < 0 || shard >= sharding.ShardCount || !EntityKey.IsValid(actionId, out _))
        {
            return null;
        }

        var stored = await shards.GetActionAsync(shard, actionId, cancellationToken).ConfigureAwait(false);
        return stored is null
            ? null
            : new TaskAction(stored.ActionId, stored.AsOf, stored.Kind, stored.CustomerId, stored.Template, stored.ContactName, stored.ContactRole,
                stored.AssignTo, stored.Invoices, stored.Steps, stored.Status, stored.ETag);
    }

    public async Task<bool> TryClaimAsync(int shard, TaskAction action, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        if (action.Version is not { } version)
        {
            return false;
        }

        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await ActionStatusWrites.TryMoveFromAsync(table, Sharding.PartitionKey(shard), action.ActionId, version, action.Status, ActionStatus.Creating,
            e => ActionEntities.WriteClaim(e, new ActionClaim(claimedAt, claimedAt)), cancellationToken).ConfigureAwait(false);
        return claimed is not null;
    }

    public async Task<bool> MarkAsync(int shard, string actionId, ActionStatus status, string? reason, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        return await ActionStatusWrites.TryMoveAsync(table, Sharding.PartitionKey(shard), actionId, status, patch =>
        {
            if (reason is not null)
            {
                patch["statusReason"] = reason;
            }
        }, cancellationToken).ConfigureAwait(false);
    }
}
