using System.Security.Cryptography;
using System.Text;
using ArFunctions.Application.Emails;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Emails;

/// <summary>
/// Delivery reports over the tables. EmailMessages (PK the service's message id, RK "") maps a send back to its action:
/// the ACS operation id is a hash of the action id (<c>OperationIds</c>), so it cannot be turned back into one. The
/// report itself is merged onto the action's row (Actions, PK shard, RK action id) as <c>deliveryStatus</c>,
/// <c>deliveryDetails</c>, <c>deliveryAttemptAt</c> and <c>deliveryRecipient</c>, under the ETag read.
/// </summary>
public sealed class TableDeliveryReportStore(StorageTables tables, Sharding sharding) : IDeliveryReportStore
{
    private const int MaxAttempts = 10;

    private readonly TableHandle _messages = tables.Get(StorageTables.EmailMessages);
    private readonly TableHandle _actions = tables.Get(StorageTables.Actions);

    public async Task RememberSendAsync(string messageId, SentEmailRef action, CancellationToken cancellationToken)
    {
        var table = await _messages.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(KeyOf(messageId), string.Empty) { ["shard"] = action.Shard, ["actionId"] = action.ActionId },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<SentEmailRef?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        var table = await _messages.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(KeyOf(messageId), string.Empty, cancellationToken).ConfigureAwait(false);
        if (entity?.GetInt32("shard") is not { } shard || shard < 0 || shard >= sharding.ShardCount || entity.GetString("actionId") is not { } actionId)
        {
            return null;
        }

        return new SentEmailRef(shard, actionId);
    }

    public async Task<bool> TryRecordAsync(SentEmailRef action, DeliveryReport report, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Sharding.PartitionKey(action.Shard);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await table.GetOrNullAsync(partition, action.ActionId, cancellationToken).ConfigureAwait(false);
            if (stored is null || (stored.GetDateTimeOffset("deliveryAttemptAt") is { } recorded && recorded >= report.AttemptedAt))
            {
                return false;
            }

            var patch = new TableEntity(partition, action.ActionId)
            {
                ["deliveryStatus"] = KebabName<DeliveryStatus>.Format(report.Status),
                ["deliveryDetails"] = report.Details,
                ["deliveryAttemptAt"] = report.AttemptedAt,
                ["deliveryRecipient"] = report.Recipient,
            };
            var result = await table.TryUpdateAsync(patch, stored.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            if (result.Outcome != UpdateOutcome.Conflict)
            {
                return result.Succeeded;
            }
        }

        throw new RequestFailedException(412, $"Action {action.ActionId} kept changing; its delivery report will be retried.");
    }

    /// <summary>The action's latest delivery report as stored on its row, or null before any arrived.</summary>
    internal static ActionDelivery? DeliveryOf(TableEntity entity) =>
        entity.GetString("deliveryStatus") is { } status && entity.GetDateTimeOffset("deliveryAttemptAt") is { } at
            ? new ActionDelivery(KebabName<DeliveryStatus>.Parse(status), entity.GetString("deliveryDetails"), at, entity.GetString("deliveryRecipient") ?? string.Empty)
            : null;

    /// <summary>The message id as a key: itself (lower case) when it is key-safe, as ACS operation ids are; otherwise a hash.</summary>
    private static string KeyOf(string messageId)
    {
        var lower = messageId.Trim().ToLowerInvariant();
        return EntityKey.IsValid(lower, out _)
            ? lower
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lower)));
    }
}
