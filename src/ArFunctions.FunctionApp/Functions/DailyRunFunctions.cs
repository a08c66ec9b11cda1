using ArFunctions.Application;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>The daily pipeline's triggers: the timer that opens a run, and the queue function that processes one shard.</summary>
public sealed partial class DailyRunFunctions(StartDailyRun start, ProcessShard process, BusinessClock clock, PoisonQueue poison, ILogger<DailyRunFunctions> logger)
{
    /// <summary>
    /// Opens (or continues) today's run in the business time zone. After downtime the host fires once with IsPastDue:
    /// today's run is the catch-up, since the planner runs every step due on or before the as-of date once and records
    /// superseded ones as skipped; missed dates are not replayed one by one.
    /// </summary>
    [Function("DailyRun")]
    public async Task RunDailyAsync([TimerTrigger("%DailyRunSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var activity = ArFunctionsTelemetry.Source.StartActivity("DailyRun");
        var asOf = clock.Today;
        var started = await start.StartAsync(asOf, cancellationToken).ConfigureAwait(false);
        if (started.Run is null)
        {
            // A run of a later date was opened (a manual run ahead of the timer, a time zone moved): this date is refused, not stuck.
            LogRefused(logger, asOf, started.LaterRun!.AsOf);
            return;
        }

        if (timer.IsPastDue)
        {
            LogCatchUp(logger, asOf, timer.ScheduleStatus?.Last);
        }

        LogStarted(logger, asOf, started.Run.Status.ToString().ToLowerInvariant(), started.ShardsQueued.Count);
    }

    [Function("ProcessShard")]
    public async Task ProcessShardAsync([QueueTrigger(QueueNames.ShardsTrigger)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var (shard, error) = QueueMessageReader.Read<ProcessShardMessage>(message);
        if (shard is null)
        {
            await PoisonAsync(message, error!, context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var outcome = await process.ProcessAsync(shard, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case ShardOutcome.Processed:
                LogProcessed(logger, shard.Shard, shard.AsOf);
                break;
            case ShardOutcome.AlreadyDone:
                LogAlreadyDone(logger, shard.Shard, shard.AsOf, QueueDelivery.Of(context).DequeueCount);
                break;
            case ShardOutcome.UnknownRun:
                await PoisonAsync(message, $"no run was opened for {shard.AsOf:yyyy-MM-dd}", context, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await PoisonAsync(message, $"shard {shard.Shard} is outside the run's shards", context, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task PoisonAsync(string message, string reason, FunctionContext context, CancellationToken cancellationToken)
    {
        await poison.SendAsync(QueueNames.Shards, message, cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, QueueDelivery.Of(context).MessageId, poison.NameOf(QueueNames.Shards), reason);
    }

    [LoggerMessage(LogLevel.Information, "Run {AsOf:yyyy-MM-dd} {Status}: {Shards} shards queued")]
    private static partial void LogStarted(ILogger logger, DateOnly asOf, string status, int shards);

    [LoggerMessage(LogLevel.Warning, "Run {AsOf:yyyy-MM-dd} not opened: the run of {Later:yyyy-MM-dd} is already open and runs go forward in time")]
    private static partial void LogRefused(ILogger logger, DateOnly asOf, DateOnly later);

    [LoggerMessage(LogLevel.Warning, "The daily timer was past due (last run {Last}): run {AsOf:yyyy-MM-dd} catches up every step due since")]
    private static partial void LogCatchUp(ILogger logger, DateOnly asOf, DateTime? last);

    [LoggerMessage(LogLevel.Information, "Processed shard {Shard} of {AsOf:yyyy-MM-dd}")]
    private static partial void LogProcessed(ILogger logger, int shard, DateOnly asOf);

    [LoggerMessage(LogLevel.Information, "Skipped shard {Shard} of {AsOf:yyyy-MM-dd}: already done (delivery {DequeueCount})")]
    private static partial void LogAlreadyDone(ILogger logger, int shard, DateOnly asOf, int dequeueCount);

    [LoggerMessage(LogLevel.Error, "ProcessShard: message {MessageId} moved to {PoisonQueue}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string? messageId, string poisonQueue, string reason);
}
