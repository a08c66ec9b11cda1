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

    public async Task<bool> TryAddAsync(WebhookEventRecord record, CancellationToken cancellationToken)
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
        return await table.TryAddAsync(entity, cancellationToken).ConfigureAwait(false);
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
