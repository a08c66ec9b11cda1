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
}

/// <summary>One problem with the input: the wire path of the field (<c>promise.date</c>) and the reason.</summary>
public sealed record TaskOutcomeError(string Field, string Reason);

/// <summary>
/// The result of <see cref="RecordTaskOutcome.RecordAsync"/>. <see cref="Task"/> is the task after the outcome
/// (recorded or conflict), <see cref="RaisedTaskId"/> the internal task a dispute raised for the category's owner.
/// </summary>
public sealed record TaskOutcomeResult(
    RecordOutcomeStatus Status,
    CollectorTask? Task = null,
    IReadOnlyList<TaskOutcomeError>? Errors = null,
    string? RaisedTaskId = null)
{
    public static TaskOutcomeResult NotFound(string taskId) =>
        new(RecordOutcomeStatus.NotFound, Errors: [new TaskOutcomeError("taskId", $"no task '{taskId}'")]);

    public static TaskOutcomeResult Invalid(IReadOnlyList<TaskOutcomeError> errors) => new(RecordOutcomeStatus.Invalid, Errors: errors);

    public static TaskOutcomeResult Conflict(CollectorTask task, string reason) =>
        new(RecordOutcomeStatus.Conflict, task, [new TaskOutcomeError("taskId", reason)]);
}
