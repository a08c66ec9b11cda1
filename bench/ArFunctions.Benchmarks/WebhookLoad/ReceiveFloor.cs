using System.Diagnostics;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>
/// Receiving's raw floor: the same deliveries (duplicates included, in the same order) from as many workers, each
/// making straight with the SDK what receiving one must: insert the event's row (PK source, RK event id, the body as
/// its one property; a 409 is the duplicate) and, when inserted, send the message. No HTTP, no signature, no parsing.
/// </summary>
internal static class ReceiveFloor
{
    public static async Task<TimeSpan> RunAsync(string connectionString, LoadPlan plan, int concurrency)
    {
        var unique = "floor" + Guid.NewGuid().ToString("N")[..8];
        var table = new TableClient(connectionString, unique);
        var queue = new QueueClient(connectionString, unique, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Deliveries.Length)
            {
                var e = plan.Events[plan.Deliveries[i]];
                try
                {
                    await table.AddEntityAsync(new TableEntity(LoadApp.Source, e.Id) { ["event"] = Encoding.UTF8.GetString(e.Body) }).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    continue;
                }

                await queue.SendMessageAsync($$"""{"source":"{{LoadApp.Source}}","eventId":"{{e.Id}}"}""").ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        return clock.Elapsed;
    }
}
