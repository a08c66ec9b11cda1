using System.Text.Json;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Webhooks;

/// <summary>
/// PaymentStates: PartitionKey = source, RowKey = payment id, the state as JSON, replaced only under its ETag.
/// ParkedRefunds: PartitionKey = source, RowKey = "paymentId|eventId", a range per payment.
/// </summary>
public sealed class TablePaymentStateStore(StorageTables tables) : IPaymentStateStore
{
    private readonly TableHandle _states = tables.Get(StorageTables.PaymentStates);
    private readonly TableHandle _parked = tables.Get(StorageTables.ParkedRefunds);

    public async Task<Stored<PaymentState>?> GetAsync(string source, string paymentId, CancellationToken cancellationToken)
    {
        var table = await _states.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(source, paymentId, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<PaymentState>(EntityValues.RequiredString(entity, "state"), QueueSender.SerializerOptions)
            ?? throw EntityValues.Broken(entity, "state", "is null");
        return new Stored<PaymentState>(state, entity.ETag.ToString());
    }

    public async Task<bool> TryAddAsync(PaymentState state, CancellationToken cancellationToken)
    {
        var table = await _states.GetAsync(cancellationToken).ConfigureAwait(false);
        return await table.TryAddAsync(ToEntity(state), cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryReplaceAsync(PaymentState state, string version, CancellationToken cancellationToken)
    {
        var table = await _states.GetAsync(cancellationToken).ConfigureAwait(false);
        var result = await table.TryUpdateAsync(ToEntity(state), new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    public async Task ParkRefundAsync(string source, string paymentId, string eventId, CancellationToken cancellationToken)
    {
        var table = await _parked.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(source, CompositeKey.Join(paymentId, eventId)) { ["eventId"] = eventId }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> GetParkedRefundsAsync(string source, string paymentId, CancellationToken cancellationToken)
    {
        var table = await _parked.GetAsync(cancellationToken).ConfigureAwait(false);
        var from = paymentId + EntityKey.Separator;
        var to = CompositeKey.PrefixEnd(paymentId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {source} and RowKey ge {from} and RowKey lt {to}");
        var ids = new List<string>();
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(EntityValues.RequiredString(entity, "eventId"));
        }

        return ids;
    }

    public async Task RemoveParkedRefundAsync(string source, string paymentId, string eventId, CancellationToken cancellationToken)
    {
        var table = await _parked.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(source, CompositeKey.Join(paymentId, eventId), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity ToEntity(PaymentState state) => new(state.Source, state.PaymentId)
    {
        ["state"] = JsonSerializer.Serialize(state, QueueSender.SerializerOptions),
    };
}
