using ArFunctions.Application;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Protocol;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>The daily pipeline's triggers: the timer that opens a run, and the queue function that processes one shard.</summary>
internal static class DailyRunFunctions
{
    public static void MapDailyRunFunctions(this IEndpointRouteBuilder app)
    {
        app.MapTimerFunction("DailyRun", RunDailyAsync);
        app.MapQueueFunction<ProcessShardMessage>("ProcessShard", QueueNames.Shards, ProcessShardAsync);
    }

    /// <summary>
    /// Opens (or continues) today's run in the business time zone. After downtime the host fires once with IsPastDue:
    /// today's run is the catch-up, since the planner runs every step due on or before the as-of date once and records
    /// superseded ones as skipped; missed dates are not replayed one by one.
    /// </summary>
    private static async Task<FunctionResult> RunDailyAsync(TimerInfo timer, IServiceProvider services, CancellationToken cancellationToken)
    {
        var asOf = services.GetRequiredService<BusinessClock>().Today;
        var started = await services.GetRequiredService<StartDailyRun>().StartAsync(asOf, cancellationToken).ConfigureAwait(false);
        var catchUp = timer.IsPastDue ? $" (past due since {timer.Last?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown time"}: today's run catches up)" : string.Empty;
        return FunctionResult.Done($"Run {asOf:yyyy-MM-dd} {started.Run.Status.ToString().ToLowerInvariant()}: {started.ShardsQueued.Count} shards queued{catchUp}");
    }

    private static async Task<FunctionResult> ProcessShardAsync(ProcessShardMessage message, QueueDelivery delivery, IServiceProvider services, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<ProcessShard>().ProcessAsync(message, cancellationToken).ConfigureAwait(false);
        var what = $"shard {message.Shard} of {message.AsOf:yyyy-MM-dd}";
        return outcome switch
        {
            ShardOutcome.Processed => FunctionResult.Done($"Processed {what}"),
            ShardOutcome.AlreadyDone => FunctionResult.Done($"Skipped {what}: already done (delivery {delivery.DequeueCount})"),
            ShardOutcome.UnknownRun => await PoisonAsync(services, message, $"no run was opened for {message.AsOf:yyyy-MM-dd}", cancellationToken).ConfigureAwait(false),
            _ => await PoisonAsync(services, message, $"shard {message.Shard} is outside the run's shards", cancellationToken).ConfigureAwait(false),
        };
    }

    private static async Task<FunctionResult> PoisonAsync(IServiceProvider services, ProcessShardMessage message, string reason, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<PoisonQueue>().SendAsync(QueueNames.Shards, message, cancellationToken).ConfigureAwait(false);
        return FunctionResult.Poisoned($"ProcessShard: moved to {QueueNames.Shards}{PoisonQueue.Suffix}: {reason}");
    }
}
