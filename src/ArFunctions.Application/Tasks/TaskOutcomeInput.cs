using ArFunctions.Application.Queries;

namespace ArFunctions.Application.Tasks;

/// <summary>
/// What a collector reports on a task (body of POST /api/tasks/{taskId}/outcome). <see cref="Outcome"/> is one of
/// <see cref="RecordTaskOutcome.Outcomes"/>; <see cref="Promise"/> goes with <c>promise</c>, <see cref="Dispute"/>
/// with <c>dispute</c>.
/// </summary>
public sealed record TaskOutcomeInput(string? Outcome, string? Note = null, PromiseInput? Promise = null, DisputeInput? Dispute = null);

/// <summary>
/// A promise to pay <see cref="Amount"/> by <see cref="Date"/> (<c>yyyy-MM-dd</c>, today or later). <see cref="Currency"/>
/// is needed only when the task's invoices are in several currencies.
/// </summary>
public sealed record PromiseInput(string? Date, decimal? Amount, string? Currency = null);

/// <summary>A dispute of the task's invoices; <see cref="Category"/> is one of the policy's dispute categories.</summary>
public sealed record DisputeInput(string? Category, string? Note = null);

/// <summary>What recording an outcome did. Wire name: kebab-case.</summary>
public enum RecordOutcomeStatus
{
    Recorded,
    NotFound,
    Invalid,
    Conflict,

    /// <summary>The signed-in person may not record on this task (it is on another collector's list).</summary>
    Forbidden,
}

/// <summary>
/// The result of <c>RecordTaskOutcome.RecordAsync</c>. <see cref="Task"/> is the task after the outcome
/// (recorded or conflict), <see cref="RaisedTaskId"/> the internal task a dispute raised for the category's owner.
/// </summary>
public sealed record TaskOutcomeResult(
    RecordOutcomeStatus Status,
    CollectorTask? Task = null,
    IReadOnlyList<FieldError>? Errors = null,
    string? RaisedTaskId = null) : IOutcome
{
    public Failure? Failure => Status switch
    {
        RecordOutcomeStatus.Recorded => null,
        RecordOutcomeStatus.NotFound => Failure.NotFound(Errors is [var missing, ..] ? missing.Reason : "No such task."),
        RecordOutcomeStatus.Conflict => Failure.Conflict(Errors is [var clash, ..] ? clash.Reason : "The task is closed."),
        RecordOutcomeStatus.Forbidden => Failure.Forbidden(Errors is [var denied, ..] ? denied.Reason : "The task is on another list."),
        _ => Failure.Invalid("The outcome is invalid; nothing was recorded.", Errors ?? []),
    };

    public static TaskOutcomeResult NotFound(string taskId) =>
        new(RecordOutcomeStatus.NotFound, Errors: [new FieldError("taskId", $"no task '{Failure.Quote(taskId)}'")]);

    public static TaskOutcomeResult Invalid(IReadOnlyList<FieldError> errors) => new(RecordOutcomeStatus.Invalid, Errors: errors);

    public static TaskOutcomeResult Conflict(CollectorTask task, string reason) =>
        new(RecordOutcomeStatus.Conflict, task, [new FieldError("taskId", reason)]);

    public static TaskOutcomeResult Forbidden(Failure denied) =>
        new(RecordOutcomeStatus.Forbidden, Errors: [new FieldError("taskId", denied.Detail)]);
}
