using System.Diagnostics;
using ArFunctions.WorkerHost;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>The apply phase: messages handled, the function's outcomes (first word of its log line), redeliveries, wall time.</summary>
internal sealed record ApplyResult(int Messages, IReadOnlyDictionary<string, int> Outcomes, int Redeliveries, int GaveUp, TimeSpan Elapsed, IReadOnlyList<string> Errors);

/// <summary>
/// Applies what the webhooks queued the way the Functions host does: the test host's queue listener on the payments
/// queue (batchSize and newBatchThreshold from the options, a failed delivery back after the visibility timeout with
/// the next DequeueCount, poison after maxDequeueCount) invoking ApplyPayment in the worker until the queue is empty.
/// </summary>
internal static class HostApply
{
    public const string Function = "ApplyPayment";

    public static async Task<ApplyResult> DrainAsync(FunctionsWorkerHost host)
    {
        var clock = Stopwatch.StartNew();
        var report = await host.Queues.DrainAsync([Function], TimeSpan.FromHours(1)).ConfigureAwait(false);
        clock.Stop();
        var succeeded = report.Invocations.Where(i => i.Succeeded).ToList();
        var outcomes = succeeded
            .Select(i => i.Logs.Select(l => l.Message).FirstOrDefault(m => m.Contains(" event ", StringComparison.Ordinal))?.Split(' ')[0] ?? "(no log)")
            .GroupBy(o => o, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var errors = report.Invocations.Where(i => !i.Succeeded).Select(i => $"{i.MessageId} (delivery {i.DequeueCount}): {i.Error}").ToList();
        return new ApplyResult(succeeded.Count, outcomes, report.Invocations.Count(i => i.DequeueCount > 1), report.Invocations.Count(i => i.MovedToPoison), clock.Elapsed, errors);
    }
}
