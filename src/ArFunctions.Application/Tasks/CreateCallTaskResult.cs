namespace ArFunctions.Application.Tasks;

/// <summary>What handling one ar-tasks message did. Wire name: kebab-case.</summary>
public enum CreateTaskOutcome
{
    /// <summary>A new task was created for the action.</summary>
    Created,

    /// <summary>The action joined the customer's open task.</summary>
    Merged,

    /// <summary>The action was handled before (a redelivered message): nothing changed.</summary>
    AlreadyDone,

    /// <summary>Nothing is left to do (see <see cref="CreateTaskResult.Reason"/>); the action is marked skipped.</summary>
    Skipped,

    /// <summary>The message names no task action this handler can carry out; retrying cannot help.</summary>
    Malformed,

    /// <summary>Another delivery claimed the action between this one's read and its claim: nothing done here.</summary>
    InProgress,
}

/// <summary>
/// The result of <see cref="CreateCallTask.HandleAsync"/>: the outcome, the task concerned (null when skipped or
/// malformed) and, for skipped and malformed messages, a kebab-case reason (<see cref="CreateTaskReasons"/>).
/// </summary>
public sealed record CreateTaskResult(CreateTaskOutcome Outcome, string? TaskId = null, string? Reason = null);

/// <summary>Reasons of skipped and malformed task messages; also stored as the skipped action's status reason.</summary>
public static class CreateTaskReasons
{
    public const string UnknownAction = "unknown-action";
    public const string NotATaskAction = "not-a-task-action";
    public const string CustomerMismatch = "customer-mismatch";
    public const string UnknownCustomer = "unknown-customer";
    public const string CustomerExcluded = "customer-excluded";

    /// <summary>Every invoice of the action was paid, cancelled or written off since planning.</summary>
    public const string InvoicesClosed = "invoices-closed";

    /// <summary>The action's invoices still open are disputed or under a promise since planning.</summary>
    public const string InvoicesPaused = "invoices-paused";
}
