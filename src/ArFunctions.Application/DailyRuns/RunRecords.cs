using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Features;

namespace ArFunctions.Application.DailyRuns;

public enum RunStatus
{
    Running,
    Completed,
}

public enum ShardStatus
{
    Running,
    Done,
}

/// <summary>
/// What a run (or one shard of it) did; the run's figures are the sum of its shards'. Counted per checkpointed group
/// of customers: when a shard resumes after a crash, the interrupted group counts only what was still left to do.
/// <see cref="Customers"/> are the customers decided for; <see cref="CustomersSkipped"/> those left out for a data
/// problem (counted once per shard attempt that finished, so never twice).
/// </summary>
public sealed record RunCounts(
    int Customers = 0,
    int OpenInvoices = 0,
    int StepsFired = 0,
    int StepsSkipped = 0,
    int Emails = 0,
    int Calls = 0,
    int Letters = 0,
    int InternalTasks = 0,
    int SegmentMoves = 0,
    double Seconds = 0,
    int CustomersSkipped = 0)
{
    public static RunCounts Zero { get; } = new();

    public RunCounts Add(RunCounts other) => new(
        Customers + other.Customers, OpenInvoices + other.OpenInvoices, StepsFired + other.StepsFired, StepsSkipped + other.StepsSkipped,
        Emails + other.Emails, Calls + other.Calls, Letters + other.Letters, InternalTasks + other.InternalTasks,
        SegmentMoves + other.SegmentMoves, Seconds + other.Seconds, CustomersSkipped + other.CustomersSkipped);
}

/// <summary>
/// The record of one day's run. Opened once per as-of date (a second start continues it); completed by the
/// finaliser with the run's figures. <see cref="ETag"/> is the storage version for optimistic updates.
/// <see cref="StartedBy"/> is who opened it by hand (<c>Caller.AuditName</c>); null for the timer.
/// </summary>
public sealed record RunRecord(
    DateOnly AsOf,
    string PolicyVersion,
    int ShardCount,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt = null,
    RunCounts? Counts = null,
    bool DryRun = false,
    string? ETag = null,
    string? StartedBy = null);

/// <summary>
/// Progress of one shard of a run. <see cref="Checkpoint"/> is the id of the last customer whose writes are all
/// done: after a crash, the shard is recomputed but writes resume after it.
/// </summary>
public sealed record ShardProgress(DateOnly AsOf, int Shard, ShardStatus Status, string? Checkpoint, RunCounts Counts);

/// <summary>A customer's open balance in the base currency, for the portfolio-wide balance ranking.</summary>
public sealed record CustomerBalance(string CustomerId, decimal OpenBalance);

/// <summary>A customer eligible for the worklist, with what ranking needs.</summary>
public sealed record WorklistCandidate(CustomerFeatures Features, string? AssignedCollector, string SegmentId);

/// <summary>
/// What a shard hands to the finaliser: every customer's balance (for ranks), the worklist candidates, and the
/// KPI totals per segment. The finaliser merges the summaries of all shards.
/// </summary>
public sealed record ShardSummary(
    int Shard,
    IReadOnlyList<CustomerBalance> Balances,
    IReadOnlyList<WorklistCandidate> Candidates,
    IReadOnlyDictionary<string, KpiTotals> Kpis);
