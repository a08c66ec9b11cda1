using ArFunctions.Application.Queries;
using ArFunctions.Application.Tasks;

namespace ArFunctions.Application.Worklists;

/// <summary>One ranked customer of a stored worklist, as the finaliser wrote it for <see cref="AsOf"/>.</summary>
public sealed record RankedEntry(int Rank, string CustomerId, string? Collector, string? Segment, double Score, decimal OverdueBalance, IReadOnlyList<string> Reasons, DateOnly AsOf);

/// <summary>The stored worklists of the last completed run.</summary>
public interface IWorklistSource
{
    /// <summary>A collector's list (or the Top-N when <paramref name="collector"/> is null) in rank order, at most <paramref name="max"/> items.</summary>
    Task<IReadOnlyList<RankedEntry>> GetAsync(string? collector, int max, CancellationToken cancellationToken);
}

/// <summary>An open task of a worklist customer, as shown on the list.</summary>
public sealed record WorklistTask(
    string TaskId,
    TaskKind Kind,
    string Assignee,
    string? Step,
    TaskContact? Contact,
    IReadOnlyList<CurrencyAmount> Amounts,
    int Attempts,
    string? Template,
    string? Category)
{
    public static WorklistTask From(CollectorTask task) =>
        new(task.TaskId, task.Kind, task.Assignee, task.Step, task.Contact, task.Amounts, task.Attempts, task.Template, task.Category);
}

/// <summary>
/// One customer on a worklist: its rank and the reasons for it, and its open tasks (the collector's call or letter
/// first, then internal tasks: escalation, agency, dispute), each with its own kind.
/// </summary>
public sealed record WorklistItemView(
    int Rank,
    string CustomerId,
    string? Collector,
    string? Segment,
    double Score,
    decimal OverdueBalance,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<WorklistTask> Tasks);

/// <summary>A worklist as served: <see cref="Collector"/> is null for the Top-N; <see cref="AsOf"/> is the run's date (null before any run).</summary>
public sealed record WorklistView(string? Collector, DateOnly? AsOf, int Top, IReadOnlyList<WorklistItemView> Items);

/// <summary>What a worklist query found. Wire name: kebab-case.</summary>
public enum WorklistQueryStatus
{
    Found,
    NotFound,
    Invalid,
}

/// <summary>
/// The result of a <see cref="WorklistQuery"/>: the worklist when found; for an unknown collector, the collectors the
/// policy knows; for a bad parameter, the errors.
/// </summary>
public sealed record WorklistResult(
    WorklistQueryStatus Status,
    WorklistView? Worklist = null,
    IReadOnlyList<string>? KnownCollectors = null,
    IReadOnlyList<FieldError>? Errors = null) : IOutcome
{
    public Failure? Failure => Status switch
    {
        WorklistQueryStatus.Found => null,
        WorklistQueryStatus.NotFound => Failure.NotFound("No such collector in the policy.") with
        {
            Extensions = new Dictionary<string, object?> { ["knownCollectors"] = KnownCollectors ?? [] },
        },
        _ => Failure.Invalid("The query is invalid.", Errors ?? []),
    };
}
