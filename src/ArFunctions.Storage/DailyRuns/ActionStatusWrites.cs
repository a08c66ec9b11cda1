using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// Status writes of a stored action: read, check <see cref="ActionStatusOrder.MayMove"/> against the stored status,
/// merge under the read's ETag, and on 412 read again (the shard store's batched "queued" applies the same check and
/// ETags, falling back to these on a conflict). No write uses <c>ETag.All</c>, so a status never moves backwards,
/// whoever writes late.
/// </summary>
internal static class ActionStatusWrites
{
    private const int MaxAttempts = 10;

    /// <summary>
    /// Sets <paramref name="to"/> (and the fields <paramref name="fill"/> adds) when the stored status allows it;
    /// false when it does not or the action is gone.
    /// </summary>
    public static async Task<bool> TryMoveAsync(
        TableClient table, string partition, string actionId, ActionStatus to, Action<TableEntity>? fill, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await table.GetOrNullAsync(partition, actionId, cancellationToken).ConfigureAwait(false);
            if (stored is null || !ActionStatusOrder.MayMove(EntityValues.RequiredEnum<ActionStatus>(stored, "status"), to))
            {
                return false;
            }

            var result = await table.TryUpdateAsync(Patch(partition, actionId, to, fill), stored.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            if (result.Outcome != UpdateOutcome.Conflict)
            {
                return result.Succeeded;
            }
        }

        throw new RequestFailedException(412, $"Action {actionId} kept changing; its status write will be retried.");
    }

    /// <summary>
    /// One conditional merge on the ETag the caller read (the status it read was <paramref name="from"/>): the new ETag,
    /// or null when another writer got there first. A handler's claim (of concurrent deliveries, exactly one wins), or
    /// a skip decided on what was read.
    /// </summary>
    public static async Task<string?> TryMoveFromAsync(
        TableClient table, string partition, string actionId, string etag, ActionStatus from, ActionStatus to, Action<TableEntity> fill, CancellationToken cancellationToken)
    {
        if (!ActionStatusOrder.MayMove(from, to))
        {
            return null;
        }

        var result = await table.TryUpdateAsync(Patch(partition, actionId, to, fill), new ETag(etag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.ETag.ToString() : null;
    }

    private static TableEntity Patch(string partition, string actionId, ActionStatus to, Action<TableEntity>? fill)
    {
        var patch = new TableEntity(partition, actionId) { ["status"] = KebabName<ActionStatus>.Format(to) };
        fill?.Invoke(patch);
        return patch;
    }
}
