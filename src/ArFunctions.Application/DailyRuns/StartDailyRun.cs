using ArFunctions.Application.Ports;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.DailyRuns;

/// <summary>What starting a run did.</summary>
public sealed record StartOutcome(RunRecord Run, IReadOnlyList<int> ShardsQueued);

/// <summary>
/// Opens the run of a date, or continues it: one <see cref="ProcessShardMessage"/> for every shard that is not done
/// yet. Starting a finished date again queues nothing.
/// </summary>
public sealed partial class StartDailyRun(IRunStore runs, IShardStore shards, IMessageQueue queue, IPolicySource policies, TimeProvider time, ILogger<StartDailyRun> logger)
{
    /// <summary>The timer's start: the run records no person.</summary>
    public Task<StartOutcome> StartAsync(DateOnly asOf, CancellationToken cancellationToken) => StartAsync(asOf, null, cancellationToken);

    /// <summary>
    /// Opens or continues the run of <paramref name="asOf"/>; a run this opens records <paramref name="startedBy"/>
    /// (<c>Caller.AuditName</c> of a manual start, null for the timer). Continuing a run keeps who opened it.
    /// </summary>
    public async Task<StartOutcome> StartAsync(DateOnly asOf, string? startedBy, CancellationToken cancellationToken)
    {
        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var run = await runs.OpenOrGetAsync(
            new RunRecord(asOf, policy.Version, shards.ShardCount, RunStatus.Running, time.GetUtcNow(), StartedBy: startedBy), cancellationToken).ConfigureAwait(false);
        if (run.Status == RunStatus.Completed)
        {
            LogAlreadyCompleted(asOf);
            return new StartOutcome(run, []);
        }

        var done = new HashSet<int>();
        foreach (var shard in await runs.GetShardsAsync(asOf, cancellationToken).ConfigureAwait(false))
        {
            if (shard.Status == ShardStatus.Done)
            {
                done.Add(shard.Shard);
            }
        }

        var queued = new List<int>(run.ShardCount);
        for (var shard = 0; shard < run.ShardCount; shard++)
        {
            if (!done.Contains(shard))
            {
                await queue.SendAsync(QueueNames.Shards, new ProcessShardMessage(asOf, shard), cancellationToken).ConfigureAwait(false);
                queued.Add(shard);
            }
        }

        LogStarted(asOf, queued.Count, done.Count);
        return new StartOutcome(run, queued);
    }

    [LoggerMessage(LogLevel.Information, "Run {AsOf} is already completed; nothing queued")]
    private partial void LogAlreadyCompleted(DateOnly asOf);

    [LoggerMessage(LogLevel.Information, "Run {AsOf}: queued {Queued} shards, {Done} already done")]
    private partial void LogStarted(DateOnly asOf, int queued, int done);
}
