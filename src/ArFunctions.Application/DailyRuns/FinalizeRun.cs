using ArFunctions.Application.Ports;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Worklist;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.DailyRuns;

/// <summary>
/// Completes a run once all its shards are done: balance ranks for the next run, the ranked worklists, the KPI
/// snapshot per segment, and the run's figures. Idempotent: every output is an upsert, so two shards finishing
/// together may both finalise with the same result; the run is marked completed once.
/// </summary>
public sealed partial class FinalizeRun(
    IRunStore runs,
    IRunResultStore results,
    IPolicySource policies,
    TimeProvider time,
    IOptions<DailyRunOptions> options,
    ILogger<FinalizeRun> logger)
{
    /// <summary>Finalises the run of <paramref name="asOf"/> if every shard is done; returns the completed run, or null.</summary>
    public async Task<RunRecord?> FinalizeIfCompleteAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(asOf, cancellationToken).ConfigureAwait(false);
        if (run is null || run.Status == RunStatus.Completed)
        {
            return run;
        }

        var shards = await runs.GetShardsAsync(asOf, cancellationToken).ConfigureAwait(false);
        var done = shards.Where(s => s.Status == ShardStatus.Done).ToArray();
        if (done.Length < run.ShardCount)
        {
            return null;
        }

        var summaries = await runs.GetSummariesAsync(asOf, cancellationToken).ConfigureAwait(false);
        var ranks = BalanceRanks.Rank(run.ShardCount, summaries.SelectMany(s => s.Balances.Select(b => (s.Shard, b.CustomerId, b.OpenBalance))));
        await BalanceRanks.SaveAsync(runs, ranks, cancellationToken).ConfigureAwait(false);
        await SaveWorklistAsync(asOf, summaries, cancellationToken).ConfigureAwait(false);
        var report = KpiCalculator.Report(summaries.SelectMany(s => s.Kpis), asOf.AddDays(-options.Value.KpiPeriodDays), asOf);
        await results.SaveKpisAsync(asOf, report, cancellationToken).ConfigureAwait(false);

        var counts = done.Aggregate(RunCounts.Zero, (sum, shard) => sum.Add(shard.Counts)) with
        {
            Seconds = (time.GetUtcNow() - run.StartedAt).TotalSeconds,
        };
        var completed = run with { Status = RunStatus.Completed, FinishedAt = time.GetUtcNow(), Counts = counts };
        if (await runs.TryUpdateAsync(completed, cancellationToken).ConfigureAwait(false))
        {
            LogCompleted(asOf, counts.Customers, counts.StepsFired, counts.Emails, counts.Calls, counts.Seconds);
            Telemetry.ArFunctionsMetrics.RunDuration.Record(counts.Seconds);
            return completed;
        }

        // Another finaliser completed it meanwhile; its outputs are the same as ours.
        return await runs.GetAsync(asOf, cancellationToken).ConfigureAwait(false);
    }

    private async Task SaveWorklistAsync(DateOnly asOf, IReadOnlyList<ShardSummary> summaries, CancellationToken cancellationToken)
    {
        var candidates = summaries.SelectMany(s => s.Candidates).ToArray();
        var collectorOf = candidates.ToDictionary(c => c.Features.CustomerId, c => c.AssignedCollector);
        var segmentOf = candidates.ToDictionary(c => c.Features.CustomerId.Value, c => c.SegmentId, StringComparer.Ordinal);
        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var worklist = WorklistBuilder.Build(
            candidates.Select(c => c.Features).ToArray(), id => collectorOf.GetValueOrDefault(id), policy, id => segmentOf.GetValueOrDefault(id.Value));
        await results.SaveWorklistAsync(asOf, worklist, segmentOf, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(LogLevel.Information, "Run {AsOf} completed: {Customers} customers, {Steps} steps, {Emails} emails, {Calls} calls in {Seconds:0.0} s")]
    private partial void LogCompleted(DateOnly asOf, int customers, int steps, int emails, int calls, double seconds);
}
