using ArFunctions.Application.DailyRuns;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Runs;

/// <summary>How far a run's shards have got: <see cref="NotStarted"/> have no progress record yet.</summary>
public sealed record ShardProgressSummary(int Total, int Done, int Running, int NotStarted, IReadOnlyList<int> Pending, RunCounts CountsSoFar);

/// <summary>
/// A customer a run (or a dry run) left out, and why: the invoice and field when known (<c>amount</c>,
/// <c>openAmount</c>, <c>promise.amount</c>, <c>payment.amount</c>), else null.
/// </summary>
public sealed record DataProblemView(string CustomerId, string? InvoiceId, string? Field, string Reason)
{
    public static DataProblemView From(DataProblem problem) =>
        new(problem.CustomerId.Value, problem.InvoiceId?.Value, problem.Field, problem.Reason);

    public static IReadOnlyList<DataProblemView> From(IEnumerable<DataProblem> problems) => problems.Select(From).ToArray();
}

/// <summary>
/// A run as served. <see cref="Status"/> is <c>running</c> or <c>completed</c> (kebab-case wire names, like every
/// enum value in these views); <see cref="Counts"/> is set once completed, <see cref="Shards"/> always.
/// <see cref="StartedBy"/> is who started it by hand (a person, <c>key:&lt;name&gt;</c>, <c>local:&lt;name&gt;</c>);
/// null when the timer did.
/// <see cref="DataProblems"/> lists the customers the run left out for bad data, so far, at most
/// <see cref="MaxListedProblems"/> (<see cref="RunCounts.CustomersSkipped"/> counts them all).
/// </summary>
public sealed record RunView(
    DateOnly AsOf,
    string Status,
    string PolicyVersion,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    RunCounts? Counts,
    ShardProgressSummary Shards,
    string? StartedBy,
    IReadOnlyList<DataProblemView> DataProblems)
{
    public const int MaxListedProblems = 1000;

    public static RunView From(RunRecord run, IReadOnlyList<ShardProgress> shards, IReadOnlyList<DataProblem> problems)
    {
        var byShard = shards.Where(s => s.Shard >= 0 && s.Shard < run.ShardCount).GroupBy(s => s.Shard).ToDictionary(g => g.Key, g => g.First());
        var done = byShard.Values.Count(s => s.Status == ShardStatus.Done);
        var pending = Enumerable.Range(0, run.ShardCount).Where(s => !byShard.TryGetValue(s, out var p) || p.Status != ShardStatus.Done).ToArray();
        var soFar = byShard.Values.Aggregate(RunCounts.Zero, (sum, s) => sum.Add(s.Counts));
        var summary = new ShardProgressSummary(run.ShardCount, done, byShard.Count - done, run.ShardCount - byShard.Count, pending, soFar);
        return new RunView(run.AsOf, KebabName<RunStatus>.Format(run.Status), run.PolicyVersion, run.StartedAt, run.FinishedAt, run.Counts, summary, run.StartedBy, DataProblemView.From(problems));
    }
}

/// <summary>
/// One action a dry run (or a policy preview) would create: what, for whom, with which template, covering which
/// invoices, to which contact role, and the strategy steps it fires as <c>invoiceId:stepId</c> (without the strategy
/// version, so that the same step of an edited strategy reads as the same step).
/// </summary>
public sealed record DryRunAction(
    string ActionId,
    string Kind,
    string CustomerId,
    string? Template,
    IReadOnlyList<string> Invoices,
    string? ContactRole,
    string? AssignTo,
    IReadOnlyList<string> Steps)
{
    public static DryRunAction From(PlannedAction action) => new(
        action.ActionId,
        KebabName<ActionKind>.Format(action.Kind),
        action.CustomerId.Value,
        action.Template,
        action.Invoices.Select(i => i.Value).ToArray(),
        action.Contact is { } contact ? KebabName<ContactRole>.Format(contact.Role) : null,
        action.AssignTo,
        action.Steps.Select(s => $"{s.InvoiceId.Value}:{s.StepId}").ToArray());
}

/// <summary>
/// What the run of <see cref="AsOf"/> would do with today's data and policy, computed without writing anything.
/// <see cref="Actions"/> is in shard then customer order and holds at most <see cref="ManualRun.MaxListedActions"/>
/// (<see cref="Truncated"/> says when more were planned); <see cref="Counts"/> always covers all of them.
/// <see cref="DataProblems"/> are the customers the run would leave out (at most <see cref="RunView.MaxListedProblems"/>).
/// </summary>
public sealed record DryRunReport(
    DateOnly AsOf, string PolicyVersion, RunCounts Counts, IReadOnlyList<DryRunAction> Actions, bool Truncated, IReadOnlyList<DataProblemView> DataProblems);

/// <summary>
/// What a manual start did: the run (<see cref="Run"/>, with the shards queued now in <see cref="ShardsQueued"/>) or,
/// for a dry run, the report of what it would do (<see cref="DryRun"/>).
/// </summary>
public sealed record ManualRunResult(bool IsDryRun, RunView? Run, IReadOnlyList<int> ShardsQueued, DryRunReport? DryRun);
