using System.Text.Json;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Webhooks;

/// <summary>
/// WebhookEvents: PartitionKey = the source ("stripe"), RowKey = the event id; the normalized event as JSON.
/// The conditional insert (HTTP 409 on a second add) is what makes a redelivered event a duplicate.
/// </summary>
public sealed class TableWebhookEventStore(StorageTables tables) : IWebhookEventStore
{
    private readonly TableHandle _table = tables.Get(StorageTables.WebhookEvents);

    public async Task<string?> TryAddAsync(WebhookEventRecord record, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(record.Source, record.EventId)
        {
            ["eventType"] = record.EventType,
            ["status"] = KebabName<WebhookEventStatus>.Format(record.Status),
            ["receivedAt"] = record.ReceivedAt,
            ["event"] = record.Event is null ? null : JsonSerializer.Serialize(record.Event, QueueSender.SerializerOptions),
        };
        EntityLimits.Validate(entity);
        try
        {
            // Not TableOperations.TryAddAsync: the new row's ETag lets the receiver advance its status without a read.
            var response = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<WebhookEventRecord?> GetAsync(string source, string eventId, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(source, eventId, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var json = entity.GetString("event");
        return new WebhookEventRecord(
            source,
            eventId,
            entity.GetString("eventType") ?? "",
            Mapping.EntityValues.RequiredEnum<WebhookEventStatus>(entity, "status"),
            entity.GetDateTimeOffset("receivedAt") ?? default,
            json is null ? null : JsonSerializer.Deserialize<PaymentEvent>(json, QueueSender.SerializerOptions));
    }

    public async Task<bool> TryAdvanceAsync(string source, string eventId, WebhookEventStatus from, WebhookEventStatus to, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(source, eventId, cancellationToken).ConfigureAwait(false);
        if (entity is null || entity.GetString("status") != KebabName<WebhookEventStatus>.Format(from))
        {
            return false;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(source, eventId) { ["status"] = KebabName<WebhookEventStatus>.Format(to) };
        var result = await table.TryUpdateAsync(patch, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    public async Task<bool> TryAdvanceAsync(string source, string eventId, string version, WebhookEventStatus to, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(source, eventId) { ["status"] = KebabName<WebhookEventStatus>.Format(to) };
        var result = await table.TryUpdateAsync(patch, new ETag(version), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    public async Task SetStatusAsync(string source, string eventId, WebhookEventStatus status, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var patch = new TableEntity(source, eventId) { ["status"] = KebabName<WebhookEventStatus>.Format(status) };
        await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TableEntity?> GetEntityAsync(string source, string eventId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        return await table.GetOrNullAsync(source, eventId, cancellationToken).ConfigureAwait(false);
    }
}
