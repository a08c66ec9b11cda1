using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Policies;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Runs;

/// <summary>
/// What a draft policy would change before it is saved: the run of a date (today in the business clock by default)
/// evaluated twice over the same stored data, once with the policy in force and once with the draft, exactly as the dry
/// run of <see cref="ManualRun"/> evaluates it, and nothing written anywhere. The draft is checked as a save would check
/// it (<see cref="PolicyAdmin.Validate"/>); the date as a manual run's (<see cref="RunDates"/>).
/// </summary>
public sealed partial class PolicyPreview(
    PolicyAdmin admin,
    StartDailyRun starter,
    IRunStore runs,
    IShardStore shards,
    IPolicySource policies,
    BusinessClock clock,
    ILogger<PolicyPreview> logger)
{
    public const int MaxListedCustomers = 10_000;

    /// <summary>
    /// Previews <paramref name="draftJson"/> on <paramref name="asOf"/> (null: today). Invalid with every loader error
    /// (field = its JSON path) for a bad draft, or with field <c>asOf</c> for a date a run could not evaluate.
    /// </summary>
    public async Task<QueryResult<PolicyPreviewReport>> PreviewAsync(string draftJson, DateOnly? asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draftJson);
        var loaded = admin.Validate(draftJson);
        if (!loaded.IsValid)
        {
            return QueryResult<PolicyPreviewReport>.Invalid([.. loaded.Errors.Select(e => new FieldError(e.Path, e.Message))]);
        }

        var date = asOf ?? clock.Today;
        if (await RunDates.RefusalAsync(date, clock.Today, starter, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return QueryResult<PolicyPreviewReport>.Invalid([refusal]);
        }

        var inForce = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var draft = loaded.Policy;
        var perShard = await EveryShard.EvaluateAsync(shards, runs, inForce, date, (snapshot, _) => Compare(snapshot, date, inForce, draft), cancellationToken).ConfigureAwait(false);

        var differences = perShard.SelectMany(s => s.Differences);
        var changed = perShard.Sum(s => s.Differences.Count);
        var report = new PolicyPreviewReport(
            date,
            inForce.Version,
            draft.Version,
            perShard.Sum(s => s.Customers),
            changed,
            differences.Take(MaxListedCustomers).ToArray(),
            changed > MaxListedCustomers,
            MergeSegments(perShard),
            CollectorCallEstimate.SideBySide(
                CollectorCallEstimate.Calls(perShard.SelectMany(s => s.CallsInForce), inForce.Worklist), inForce.Worklist,
                CollectorCallEstimate.Calls(perShard.SelectMany(s => s.CallsDraft), draft.Worklist), draft.Worklist),
            DataProblemView.From(perShard.SelectMany(s => s.Problems).Take(RunView.MaxListedProblems)));
        LogPreviewed(date, report.Customers, changed);
        return QueryResult<PolicyPreviewReport>.Ok(report);
    }

    private static ShardComparison Compare(ShardSnapshot snapshot, DateOnly asOf, CollectionPolicy inForce, CollectionPolicy draft)
    {
        var current = ShardEvaluation.Evaluate(snapshot, inForce, asOf);
        var proposed = ShardEvaluation.Evaluate(snapshot, draft, asOf);
        var segments = new Dictionary<string, SegmentTotals>(StringComparer.Ordinal);
        AddCounts(segments, current.Customers, (totals, counts) => totals with { InForce = totals.InForce.Add(counts) });
        AddCounts(segments, proposed.Customers, (totals, counts) => totals with { Draft = totals.Draft.Add(counts) });

        // A problem the engine meets under both policies is one problem, listed once.
        var problems = current.Problems.Concat(proposed.Problems).Distinct().ToArray();
        return new ShardComparison(
            snapshot.Customers.Count,
            PolicyPreviewDiff.Compare(Days(current), Days(proposed)),
            segments,
            Calls(current.Customers, inForce),
            Calls(proposed.Customers, draft),
            problems);
    }

    private static CustomerDay[] Days(EvaluatedShard shard) =>
        [.. shard.Customers.Select(c => new CustomerDay(c.Id, c.Decision.Segment.SegmentId, [.. c.Decision.Plan.Actions.Select(DryRunAction.From)]))];

    private static void AddCounts(Dictionary<string, SegmentTotals> segments, EvaluatedCustomer[] customers, Func<SegmentTotals, RunCounts, SegmentTotals> add)
    {
        foreach (var group in customers.GroupBy(c => c.Decision.Segment.SegmentId, StringComparer.Ordinal))
        {
            var totals = segments.GetValueOrDefault(group.Key) ?? new SegmentTotals(group.Key, RunCounts.Zero, RunCounts.Zero);
            segments[group.Key] = add(totals, ShardEvaluation.Count([.. group]));
        }
    }

    private static CallDemand[] Calls(EvaluatedCustomer[] customers, CollectionPolicy policy) =>
    [
        .. customers.SelectMany(c => c.Decision.Plan.Actions
            .Where(a => a.Kind == ActionKind.Call)
            .Select(_ => new CallDemand(
                c.Source.Customer.AssignedCollector,
                policy.TeamOf(c.Decision.Segment.SegmentId)))),
    ];

    private static SegmentTotals[] MergeSegments(IEnumerable<ShardComparison> shards)
    {
        var merged = new Dictionary<string, SegmentTotals>(StringComparer.Ordinal);
        foreach (var totals in shards.SelectMany(s => s.Segments.Values))
        {
            merged[totals.Segment] = merged.GetValueOrDefault(totals.Segment) is { } sum
                ? sum with { InForce = sum.InForce.Add(totals.InForce), Draft = sum.Draft.Add(totals.Draft) }
                : totals;
        }

        return [.. merged.Values.OrderBy(t => t.Segment, StringComparer.Ordinal)];
    }

    private sealed record ShardComparison(
        int Customers,
        IReadOnlyList<CustomerDifference> Differences,
        Dictionary<string, SegmentTotals> Segments,
        CallDemand[] CallsInForce,
        CallDemand[] CallsDraft,
        DataProblem[] Problems);

    [LoggerMessage(LogLevel.Information, "Policy preview {AsOf}: {Customers} customers, {Changed} would change; nothing written")]
    private partial void LogPreviewed(DateOnly asOf, int customers, int changed);
}
