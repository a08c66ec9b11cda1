using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ArFunctions.Application.Webhooks;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>How the app answered one delivery.</summary>
internal enum DeliveryOutcome
{
    Failed,
    Accepted,
    Duplicate,
}

/// <summary>The posting phase: every delivery's outcome and latency, and the wall time of its timed part (the deliveries from <c>Untimed</c> on).</summary>
internal sealed record PostResult(DeliveryOutcome[] Outcomes, double[] LatencyMs, TimeSpan Elapsed, IReadOnlyList<string> Errors, int Untimed)
{
    public int Timed => Outcomes.Length - Untimed;
}

/// <summary>
/// Posts the plan's deliveries to <c>POST /api/webhooks/payments</c> from <c>concurrency</c> workers over one
/// HttpClient (at most that many connections), each request signed just before it is sent (duplicates are re-signed,
/// with the same webhook-id and body), and times each from send to the end of the response body.
/// </summary>
internal static class WebhookPoster
{
    public static HttpClient CreateClient(Uri address, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(2),
        };

    /// <summary>Requests to a source with no secret, which the app answers 404 without writing or logging: warms the HTTP path.</summary>
    public static async Task WarmUpAsync(HttpClient client, LoadPlan plan, int requests)
    {
        for (var i = 0; i < requests; i++)
        {
            using var request = Request(plan.Events[i % plan.Events.Length], LoadApp.PaymentsSecret);
            request.RequestUri = new Uri("/api/webhooks/warm-up", UriKind.Relative);
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"Warm-up expected 404, got {(int)response.StatusCode}.");
            }
        }
    }

    /// <summary>Posts every delivery; the result's time is <paramref name="window"/>'s, from its first timed delivery to the last answer.</summary>
    public static async Task<PostResult> PostAsync(HttpClient client, LoadPlan plan, int concurrency, SteadyWindow window)
    {
        var count = plan.Deliveries.Length;
        var outcomes = new DeliveryOutcome[count];
        var latency = new double[count];
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                window.Claimed(i);
                (outcomes[i], latency[i]) = await SendAsync(client, plan.Events[plan.Deliveries[i]], errors).ConfigureAwait(false);
            }
        }));
        await Task.WhenAll(workers).ConfigureAwait(false);
        return new PostResult(outcomes, latency, window.Elapsed, [.. errors], window.Untimed);
    }

    private static async Task<(DeliveryOutcome Outcome, double LatencyMs)> SendAsync(HttpClient client, LoadEvent e, System.Collections.Concurrent.ConcurrentQueue<string> errors)
    {
        using var request = Request(e, LoadApp.PaymentsSecret);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                errors.Enqueue($"{e.Id}: HTTP {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                return (DeliveryOutcome.Failed, ms);
            }

            using var json = JsonDocument.Parse(body);
            var duplicate = json.RootElement.TryGetProperty("duplicate", out var flag) && flag.GetBoolean();
            return (duplicate ? DeliveryOutcome.Duplicate : DeliveryOutcome.Accepted, ms);
        }
        catch (HttpRequestException ex)
        {
            errors.Enqueue($"{e.Id}: {ex.Message}");
            return (DeliveryOutcome.Failed, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static HttpRequestMessage Request(LoadEvent e, string secret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var content = new ByteArrayContent(e.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/" + LoadApp.Source) { Content = content };
        request.Headers.Add(StandardWebhookVerifier.IdHeader, e.Id);
        request.Headers.Add(StandardWebhookVerifier.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookVerifier.SignatureHeader, StandardWebhookVerifier.Sign(secret, e.Id, timestamp, e.Body));
        return request;
    }
}
