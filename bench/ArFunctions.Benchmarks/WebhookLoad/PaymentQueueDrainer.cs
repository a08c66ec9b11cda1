using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>The apply phase: messages handled, the function's outcomes (first word of its log line), redeliveries, wall time.</summary>
internal sealed record ApplyResult(int Messages, IReadOnlyDictionary<string, int> Outcomes, int Redeliveries, int GaveUp, TimeSpan Elapsed, IReadOnlyList<string> Errors)
{
    /// <summary>Time the invokers spent (summed over them) receiving, invoking ApplyPayment and deleting.</summary>
    public (TimeSpan Receive, TimeSpan Invoke, TimeSpan Delete) Split { get; init; }
}

/// <summary>
/// Plays the Functions host's queue listener for <c>ar-payments</c>: <c>concurrency</c> workers receive messages
/// (base64, as host.json says), invoke <c>POST /ApplyPayment</c> with the host's envelope, delete on 200 and, on 503,
/// deliver again with the next DequeueCount up to host.json's maxDequeueCount of 5.
/// </summary>
internal static class PaymentQueueDrainer
{
    public const int MaxDequeueCount = 5;

    /// <summary>The host's reply names property names as they are (PascalCase).</summary>
    private static readonly JsonSerializerOptions HostJson = new();

    public static QueueClient Queue(string connectionString, string name) =>
        new(connectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static async Task<ApplyResult> DrainAsync(HttpClient client, QueueClient queue, int concurrency)
    {
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var errors = new ConcurrentQueue<string>();
        var messages = 0;
        var redeliveries = 0;
        var gaveUp = 0;
        long receiving = 0, invoking = 0, deleting = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                QueueMessage[] batch = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(10)).ConfigureAwait(false)).Value;
                Interlocked.Add(ref receiving, Stopwatch.GetTimestamp() - start);
                if (batch.Length == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    start = Stopwatch.GetTimestamp();
                    var (outcome, deliveries) = await InvokeAsync(client, message, errors).ConfigureAwait(false);
                    Interlocked.Add(ref invoking, Stopwatch.GetTimestamp() - start);
                    Interlocked.Increment(ref messages);
                    Interlocked.Add(ref redeliveries, deliveries - 1);
                    if (outcome is null)
                    {
                        Interlocked.Increment(ref gaveUp);
                        continue;
                    }

                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                    start = Stopwatch.GetTimestamp();
                    await DeleteAsync(queue, message).ConfigureAwait(false);
                    Interlocked.Add(ref deleting, Stopwatch.GetTimestamp() - start);
                }
            }
        }));
        await Task.WhenAll(workers).ConfigureAwait(false);
        clock.Stop();
        return new ApplyResult(messages, outcomes, redeliveries, gaveUp, clock.Elapsed, [.. errors])
        {
            Split = (Ticks(receiving), Ticks(invoking), Ticks(deleting)),
        };
    }

    /// <summary>The first word of the function's log line ("Applied", "AlreadyApplied", ...), or null after maxDequeueCount failures.</summary>
    private static async Task<(string? Outcome, int Deliveries)> InvokeAsync(HttpClient client, QueueMessage message, ConcurrentQueue<string> errors)
    {
        for (var delivery = 1; delivery <= MaxDequeueCount; delivery++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/ApplyPayment") { Content = JsonContent.Create(Envelope(message, delivery), options: HostJson) };
            request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
            try
            {
                using var response = await client.SendAsync(request).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var json = JsonDocument.Parse(text);
                    var log = json.RootElement.GetProperty("Logs")[0].GetString() ?? "";
                    return (log.Split(' ', 2)[0], delivery);
                }

                errors.Enqueue($"{message.MessageId} delivery {delivery}: HTTP {(int)response.StatusCode} {text}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The host's function timeout: the delivery failed and the message comes back.
                errors.Enqueue($"{message.MessageId} delivery {delivery}: {e.GetType().Name} {e.Message}");
            }
        }

        return (null, MaxDequeueCount);
    }

    private static TimeSpan Ticks(long stopwatchTicks) => TimeSpan.FromSeconds((double)stopwatchTicks / Stopwatch.Frequency);

    private static object Envelope(QueueMessage message, int dequeueCount) => new
    {
        Data = new { message = message.Body.ToString() },
        Metadata = new
        {
            DequeueCount = dequeueCount,
            Id = message.MessageId,
            InsertionTime = message.InsertedOn,
            ExpirationTime = message.ExpiresOn,
            NextVisibleTime = message.NextVisibleOn,
            message.PopReceipt,
            sys = new { MethodName = "ApplyPayment", UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() },
        },
    };

    private static async Task DeleteAsync(QueueClient queue, QueueMessage message)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Azurite sometimes loses a just-received message's receipt; it is gone either way.
        }
    }
}
