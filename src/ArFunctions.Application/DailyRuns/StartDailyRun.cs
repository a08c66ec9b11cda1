using ArFunctions.Application.Ports;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.DailyRuns;

/// <summary>
/// What starting a run did: the run opened or continued (<see cref="Run"/>) with the shards queued now, or, when a run
/// of a later date exists, nothing (<see cref="Run"/> null, <see cref="LaterRun"/> set).
/// </summary>
public sealed record StartOutcome(RunRecord? Run, IReadOnlyList<int> ShardsQueued, RunRecord? LaterRun = null);

/// <summary>
/// Opens the run of a date, or continues it: one <see cref="ProcessShardMessage"/> for every shard that is not done
/// yet. Starting a finished date again queues nothing. Runs go forward in time: a date before a run already opened
/// (running or completed) is refused and nothing is written, because each run moves every customer's segment state
/// (hysteresis) and contact history to its own date, and a day before that cannot be evaluated as of itself. The
/// first run of a deployment ranks the portfolio's balances before it queues a shard (<see cref="BalanceRanks"/>).
/// </summary>
public sealed partial class StartDailyRun(IRunStore runs, IShardStore shards, IMessageQueue queue, IPolicySource policies, TimeProvider time, ILogger<StartDailyRun> logger)
{
    /// <summary>Why a run of <paramref name="asOf"/> cannot start: the later run in the way, or null when it can.</summary>
    public Task<RunRecord?> LaterRunAsync(DateOnly asOf, CancellationToken cancellationToken) => runs.GetFirstAfterAsync(asOf, cancellationToken);

    /// <summary>The sentence that says why a run of <paramref name="asOf"/> is refused, for the edge that answers.</summary>
    public static string Refusal(DateOnly asOf, RunRecord later) =>
        $"is before the run of {later.AsOf:yyyy-MM-dd} ({later.Status.ToString().ToLowerInvariant()}): runs go forward in time; "
        + $"segment states and contact history already stand at {later.AsOf:yyyy-MM-dd}, so {asOf:yyyy-MM-dd} cannot be evaluated as of its date (backfills are refused)";

    /// <summary>The timer's start: the run records no person.</summary>
    public Task<StartOutcome> StartAsync(DateOnly asOf, CancellationToken cancellationToken) => StartAsync(asOf, null, cancellationToken);

    /// <summary>
    /// Opens or continues the run of <paramref name="asOf"/>; a run this opens records <paramref name="startedBy"/>
    /// (<c>Caller.AuditName</c> of a manual start, null for the timer). Continuing a run keeps who opened it.
    /// </summary>
    public async Task<StartOutcome> StartAsync(DateOnly asOf, string? startedBy, CancellationToken cancellationToken)
    {
        if (await LaterRunAsync(asOf, cancellationToken).ConfigureAwait(false) is { } later)
        {
            LogRefused(asOf, later.AsOf);
            return new StartOutcome(null, [], later);
        }

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

        if (done.Count == 0 && await runs.GetLastCompletedAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            // No run ever completed, so no ranks exist: rank today's balances before any shard segments a customer.
            await BalanceRanks.SaveAsync(runs, await BalanceRanks.OfTheDayAsync(shards, policy, asOf, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(LogLevel.Warning, "Run {AsOf} refused: the run of {Later} is already open and runs go forward in time; nothing written")]
    private partial void LogRefused(DateOnly asOf, DateOnly later);

    [LoggerMessage(LogLevel.Information, "Run {AsOf} is already completed; nothing queued")]
    private partial void LogAlreadyCompleted(DateOnly asOf);

    [LoggerMessage(LogLevel.Information, "Run {AsOf}: queued {Queued} shards, {Done} already done")]
    private partial void LogStarted(DateOnly asOf, int queued, int done);
}
