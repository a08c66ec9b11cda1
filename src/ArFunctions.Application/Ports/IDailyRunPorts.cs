using ArFunctions.Application.DailyRuns;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Worklist;

namespace ArFunctions.Application.Ports;

/// <summary>One customer of a shard with everything the engine reads about it.</summary>
public sealed record ShardCustomer(
    Customer Customer,
    Invoice[] Invoices,
    Payment[] Payments,
    Interaction[] Interactions,
    CustomerState? State,
    LedgerEntry[] Ledger)
{
    /// <summary>The customer's credits (credit memos, unapplied cash, overpayments), allocated by the engine.</summary>
    public Credit[] Credits { get; init; } = [];

    /// <summary>The states of the customer's email addresses (table ContactStates): the planner does not email an unusable or opted-out one.</summary>
    public ContactState[] ContactStates { get; init; } = [];
}

/// <summary>A shard as read for a run: its customers in ordinal id order, and the balance ranks of the last completed run.</summary>
public sealed record ShardSnapshot(IReadOnlyList<ShardCustomer> Customers, IReadOnlyDictionary<string, int> BalanceRanks)
{
    /// <summary>How many stored rows the read returned, every table together: what the run's reads cost.</summary>
    public int RowsRead { get; init; }

    /// <summary>Closed history the read came across that no run needs again, to move out of the scanned tables; null when there is none.</summary>
    public IHistoryArchive? Archive { get; init; }
}

/// <summary>
/// Rows of closed history a shard's read found (the ledger rows of invoices no longer open, invoices closed before the
/// history window with their payments, interactions older than it), and their move to the archive tables, which keep
/// them for audit and for a customer's detail. The run moves them after its own writes; a move cut short is finished
/// by the next run, which finds the rows where they were.
/// </summary>
public interface IHistoryArchive
{
    /// <summary>How many rows are to move.</summary>
    int Rows { get; }

    /// <summary>Moves the rows; returns how many left the scanned tables (a row changed since the read stays for the next run).</summary>
    Task<int> MoveAsync(CancellationToken cancellationToken);
}

/// <summary>A ledger entry to record, with the customer it belongs to and the action that carries it (null when skipped).</summary>
public sealed record LedgerWrite(Domain.Common.CustomerId CustomerId, LedgerEntry Entry, string? ActionId);

/// <summary>
/// How far a stored action has got: planned (stored, maybe not yet queued), queued, claimed by its handler (sending an
/// email, creating a task), then its handler's outcome. Statuses only move forward (<see cref="ActionStatusOrder"/>).
/// </summary>
public enum ActionStatus
{
    Planned,
    Queued,
    Sent,
    Skipped,
    Failed,

    /// <summary>An email handler claimed the action and may have handed it to the sender.</summary>
    Sending,

    /// <summary>A task handler claimed the action and may have written its task.</summary>
    Creating,
}

/// <summary>A segment move, kept as history with the rule and the feature changes behind it.</summary>
public sealed record SegmentMove(Domain.Common.CustomerId CustomerId, DateOnly On, string? From, string To, string MatchedRule, IReadOnlyList<string> Triggers);

/// <summary>Reads a shard and writes what processing it produced. Every write is idempotent.</summary>
public interface IShardStore
{
    /// <summary>How many shards customers are spread over; fixed per deployment.</summary>
    int ShardCount { get; }

    Task<ShardSnapshot> ReadAsync(int shard, DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>
    /// Records ledger entries that are not recorded yet (a conditional insert each) and returns, for every entry
    /// that was already there, the action id it was recorded with (null for a skipped step), keyed by row key.
    /// </summary>
    Task<IReadOnlyDictionary<string, string?>> RecordLedgerAsync(int shard, IReadOnlyList<LedgerWrite> writes, CancellationToken cancellationToken);

    /// <summary>Stores new actions as planned and returns the ids of those still to be queued (new, or planned by an interrupted attempt).</summary>
    Task<IReadOnlyList<string>> AddActionsAsync(int shard, DateOnly asOf, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken);

    /// <summary>Rewrites a stored action whose steps changed (some were already executed on another day).</summary>
    Task ReplaceActionAsync(int shard, DateOnly asOf, PlannedAction action, ActionStatus status, CancellationToken cancellationToken);

    Task SetActionStatusAsync(int shard, IReadOnlyList<string> actionIds, ActionStatus status, CancellationToken cancellationToken);

    /// <summary>Actions of the run of <paramref name="asOf"/> in this shard still planned but not queued: left by an interrupted attempt.</summary>
    Task<IReadOnlyList<ActionMessage>> GetUnqueuedActionsAsync(int shard, DateOnly asOf, CancellationToken cancellationToken);

    Task SaveStatesAsync(int shard, IReadOnlyList<CustomerState> states, CancellationToken cancellationToken);

    Task AddSegmentMovesAsync(int shard, IReadOnlyList<SegmentMove> moves, CancellationToken cancellationToken);
}

/// <summary>
/// The last completed run: the date as of which people see a customer, so that what they read (features, days past
/// due) is what the engine saw when it decided, not what the wall clock says after a backfill.
/// </summary>
public interface ICompletedRuns
{
    /// <summary>The completed run, not a dry run, with the latest as-of date; null before the first one completes.</summary>
    Task<RunRecord?> GetLastCompletedAsync(CancellationToken cancellationToken);
}

/// <summary>Run records, shard progress, shard summaries and the balance ranks handed from one run to the next.</summary>
public interface IRunStore : ICompletedRuns
{
    Task<RunRecord?> GetAsync(DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>The earliest run opened for a date after <paramref name="asOf"/> (running or completed), or null.</summary>
    Task<RunRecord?> GetFirstAfterAsync(DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>Creates the run of <paramref name="run"/>'s date unless it exists; returns the stored one either way.</summary>
    Task<RunRecord> OpenOrGetAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>Replaces the run if its ETag still matches; false when another writer got there first.</summary>
    Task<bool> TryUpdateAsync(RunRecord run, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShardProgress>> GetShardsAsync(DateOnly asOf, CancellationToken cancellationToken);

    Task<ShardProgress?> GetShardAsync(DateOnly asOf, int shard, CancellationToken cancellationToken);

    Task SaveShardAsync(ShardProgress progress, CancellationToken cancellationToken);

    Task SaveSummaryAsync(DateOnly asOf, ShardSummary summary, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShardSummary>> GetSummariesAsync(DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>
    /// Records the data problems one shard of the run of <paramref name="asOf"/> found, in place of what an earlier
    /// attempt of that shard recorded (a retried shard records each problem once).
    /// </summary>
    Task SaveProblemsAsync(DateOnly asOf, int shard, IReadOnlyList<DataProblem> problems, CancellationToken cancellationToken);

    /// <summary>The data problems of the run of <paramref name="asOf"/> in shard then customer order, at most <paramref name="max"/> of them.</summary>
    Task<IReadOnlyList<DataProblem>> GetProblemsAsync(DateOnly asOf, int max, CancellationToken cancellationToken);

    /// <summary>Balance ranks per shard, written by the finaliser and read by the next run's shards.</summary>
    Task SaveRanksAsync(int shard, IReadOnlyDictionary<string, int> ranks, CancellationToken cancellationToken);
}

/// <summary>The outputs of a completed run that people read: worklists and KPI snapshots.</summary>
public interface IRunResultStore
{
    Task SaveWorklistAsync(DateOnly asOf, RankedWorklist worklist, IReadOnlyDictionary<string, string> segmentOf, CancellationToken cancellationToken);

    Task SaveKpisAsync(DateOnly asOf, KpiReport report, CancellationToken cancellationToken);
}

public interface IMessageQueue
{
    Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken);

    /// <summary>Sends a message that becomes visible only after <paramref name="visibilityDelay"/> (for example a Retry-After).</summary>
    Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken);
}

/// <summary>The email templates the deployment ships: a policy step may only name one of these.</summary>
public interface ITemplateCatalog
{
    IReadOnlySet<string> TemplateIds { get; }
}

/// <summary>The policy in force.</summary>
public interface IPolicySource
{
    /// <summary>The policy in force; a source backed by storage may block to refresh it. Prefer <see cref="GetCurrentAsync"/>.</summary>
    CollectionPolicy Current { get; }

    /// <summary>
    /// The policy in force, as of at most a short cache period ago: a policy saved now is used by runs that start after
    /// that period. Sources that never change return <see cref="Current"/>.
    /// </summary>
    ValueTask<CollectionPolicy> GetCurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Current);
}

/// <summary>
/// The decision log: per customer and run date, what the engine decided and why (<see cref="Domain.Decisions.DayDecision"/>).
/// Only days with something to explain are stored.
/// </summary>
public interface IDecisionLog
{
    /// <summary>
    /// Stores the decisions of customers of <paramref name="shard"/>. A decision already stored for a customer and date
    /// is kept: the day's first evaluation is the one that explains what the ledger recorded, and a resumed shard,
    /// which finds its steps already recorded, must not overwrite it.
    /// </summary>
    Task AddAsync(int shard, IReadOnlyList<Domain.Decisions.DayDecision> decisions, CancellationToken cancellationToken);

    /// <summary>The customer's decisions from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    Task<IReadOnlyList<Domain.Decisions.DayDecision>> GetAsync(Domain.Common.CustomerId customerId, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
