using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Policies;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Runs;

/// <summary>
/// Starts the run of a chosen date by hand (a backfill, or today's run ahead of the timer), or computes what that
/// run would do without doing it. A real start is <see cref="StartDailyRun"/>: idempotent, a date already running
/// continues and a completed one queues nothing. A dry run reads every shard and runs the engine over it with the
/// policy in force, and writes nothing anywhere: no table row, no queue message. A date before a run already opened
/// is refused, dry or not (see <see cref="StartDailyRun"/>): never a run that cannot finish.
/// </summary>
public sealed partial class ManualRun(
    StartDailyRun starter,
    IRunStore runs,
    IShardStore shards,
    IPolicySource policies,
    BusinessClock clock,
    ILogger<ManualRun> logger)
{
    /// <summary>The earliest as-of date accepted, in days before today: the daily run reads 400 days of history.</summary>
    public const int MaxDaysBack = RunDates.MaxDaysBack;

    /// <summary>The latest as-of date accepted, in days after today (UTC): tomorrow, for a business ahead of UTC.</summary>
    public const int MaxDaysAhead = RunDates.MaxDaysAhead;

    public const int MaxListedActions = 10_000;

    /// <summary>Starts (or dry-runs) the run of <paramref name="asOf"/> for <paramref name="caller"/>, whom a run it opens records as <c>startedBy</c>.</summary>
    public async Task<QueryResult<ManualRunResult>> StartAsync(DateOnly asOf, bool dryRun, Access.Caller caller, CancellationToken cancellationToken)
    {
        if (await RunDates.RefusalAsync(asOf, clock.Today, starter, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return QueryResult<ManualRunResult>.Invalid([refusal]);
        }

        if (dryRun)
        {
            var report = await DryRunAsync(asOf, cancellationToken).ConfigureAwait(false);
            return QueryResult<ManualRunResult>.Ok(new ManualRunResult(true, null, [], report));
        }

        var started = await starter.StartAsync(asOf, caller.AuditName, cancellationToken).ConfigureAwait(false);
        if (started is { Run: null, LaterRun: { } raced })
        {
            // A later run opened between the check above and the start.
            return QueryResult<ManualRunResult>.Invalid("asOf", StartDailyRun.Refusal(asOf, raced));
        }

        var progress = await runs.GetShardsAsync(asOf, cancellationToken).ConfigureAwait(false);
        var problems = await runs.GetProblemsAsync(asOf, RunView.MaxListedProblems, cancellationToken).ConfigureAwait(false);
        LogStarted(asOf, started.ShardsQueued.Count);
        return QueryResult<ManualRunResult>.Ok(new ManualRunResult(false, RunView.From(started.Run!, progress, problems), started.ShardsQueued, null));
    }

    private async Task<DryRunReport> DryRunAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var perShard = await EveryShard.EvaluateAsync(shards, runs, policy, asOf, (snapshot, _) => Evaluate(snapshot, asOf, policy), cancellationToken).ConfigureAwait(false);

        var counts = perShard.Aggregate(RunCounts.Zero, (sum, s) => sum.Add(s.Counts));
        var all = perShard.SelectMany(s => s.Actions);
        var listed = all.Take(MaxListedActions).ToArray();
        var total = perShard.Sum(s => s.Actions.Length);
        var problems = perShard.SelectMany(s => s.Problems).ToArray();
        LogDryRun(asOf, counts.Customers, total);
        return new DryRunReport(
            asOf, policy.Version, counts, listed, total > listed.Length, DataProblemView.From(problems.Take(RunView.MaxListedProblems)));
    }

    private static (RunCounts Counts, DryRunAction[] Actions, DataProblem[] Problems) Evaluate(ShardSnapshot snapshot, DateOnly asOf, CollectionPolicy policy)
    {
        var (customers, problems) = ShardEvaluation.Evaluate(snapshot, policy, asOf);
        var actions = customers.SelectMany(c => c.Decision.Plan.Actions).Select(DryRunAction.From).ToArray();
        var skipped = problems.Select(p => p.CustomerId).Distinct().Count();
        return (ShardEvaluation.Count(customers) with { CustomersSkipped = skipped }, actions, problems);
    }

    [LoggerMessage(LogLevel.Information, "Manual run {AsOf}: queued {Shards} shards")]
    private partial void LogStarted(DateOnly asOf, int shards);

    [LoggerMessage(LogLevel.Information, "Dry run {AsOf}: {Customers} customers, {Actions} actions would be created; nothing written")]
    private partial void LogDryRun(DateOnly asOf, int customers, int actions);
}
