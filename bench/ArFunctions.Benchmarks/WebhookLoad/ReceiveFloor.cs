using System.Text;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>
/// Receiving's raw floor: the same deliveries (duplicates included, in the same order) from as many workers, each
/// making straight with the SDK the calls receiving one makes: insert the event's row with the properties the app
/// stores (PK source, RK event id, event type, status, time received, the event); on a 409 (a duplicate) read the row
/// and, while its status is still <c>received</c>, send the message again, as the app does in case the first send was
/// lost; when inserted, send the message. No HTTP, no signature, no parsing, no validation. Timed over a
/// <see cref="SteadyWindow"/> like receiving, in a table and queue of its own, which stay (deleting a queue of 20,000
/// messages stalls Azurite for minutes).
/// </summary>
internal static class ReceiveFloor
{
    /// <summary>The status the app stores on a received event, in its own spelling.</summary>
    private static readonly string Received = KebabName<WebhookEventStatus>.Format(WebhookEventStatus.Received);

    public static async Task<TimeSpan> RunAsync(string connectionString, LoadPlan plan, int concurrency, SteadyWindow window)
    {
        var unique = "floor" + Guid.NewGuid().ToString("N")[..8];
        var table = new TableClient(connectionString, unique);
        var queue = new QueueClient(connectionString, unique, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Deliveries.Length)
            {
                window.Claimed(i);
                var e = plan.Events[plan.Deliveries[i]];
                try
                {
                    await table.AddEntityAsync(new TableEntity(LoadApp.Source, e.Id)
                    {
                        ["eventType"] = LoadPlan.EventType,
                        ["status"] = Received,
                        ["receivedAt"] = DateTimeOffset.UtcNow,
                        ["event"] = Encoding.UTF8.GetString(e.Body),
                    }).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    var stored = await table.GetEntityAsync<TableEntity>(LoadApp.Source, e.Id).ConfigureAwait(false);
                    if (stored.Value.GetString("status") != Received)
                    {
                        continue;
                    }
                }

                await queue.SendMessageAsync($$"""{"source":"{{LoadApp.Source}}","eventId":"{{e.Id}}"}""").ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return window.Elapsed;
    }
}
