using System.Text.Json.Serialization;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tasks;

/// <summary>What a task asks for. Wire name: kebab-case. Call, letter and request tasks are the collector's; the others are internal (a fix-contact task goes to the customer's collector).</summary>
public enum TaskKind
{
    Call,
    Letter,
    Escalation,
    Agency,
    Dispute,

    /// <summary>An email address of the customer's contacts bounced or is suppressed: the collector finds the right one.</summary>
    FixContact,

    /// <summary>
    /// What a customer asked for on the customer page, for the customer's collector: a promise outside the portal's
    /// limits to approve (record outcome <c>promise</c>) or refuse (any other outcome, with a note), a copy of an invoice,
    /// a change of contact.
    /// </summary>
    Request,
}

/// <summary>Whether a task is still to be worked. Wire name: kebab-case.</summary>
public enum TaskState
{
    Open,
    Closed,
}

/// <summary>An outcome as claimed on its task: the request, the business day it was recorded on, its attempt number, and who made it (<c>Caller.AuditName</c>).</summary>
public sealed record PendingOutcome(TaskOutcomeInput Input, DateOnly On, int Attempt, string? By = null);

/// <summary>The person to call, from the customer's contacts. Role is the contact role's wire name (<c>ap-clerk</c>).</summary>
public sealed record TaskContact(string Name, string Role, string? Phone, string? Email, string? PreferredTime);

/// <summary>An amount in one currency (ISO 4217).</summary>
public sealed record CurrencyAmount(string Currency, decimal Amount);

/// <summary>
/// A task for a person: a collector's call (or letter) for one customer, or an internal task (escalation, agency
/// hand-off, dispute) for a named role or team. A customer has at most one open task per <see cref="Slot"/>: every
/// action for the same slot merges into it. <see cref="Actions"/> lists the action ids already absorbed, which makes a
/// redelivered message harmless. <see cref="TaskId"/> is URL-safe (<c>0007-3f2a9c1e0b4d5a6f</c>).
/// </summary>
public sealed record CollectorTask
{
    public required string TaskId { get; init; }

    public required string CustomerId { get; init; }

    public required string CustomerName { get; init; }

    public required TaskKind Kind { get; init; }

    /// <summary><see cref="TaskSlots.Collector"/> for call and letter tasks; kind and assignee for internal ones.</summary>
    public required string Slot { get; init; }

    /// <summary>The collector id, or the role or team that takes an internal task.</summary>
    public required string Assignee { get; init; }

    public TaskState State { get; init; } = TaskState.Open;

    public required DateOnly CreatedOn { get; init; }

    public DateOnly? ClosedOn { get; init; }

    /// <summary>The last outcome recorded on the task; null until one is.</summary>
    public InteractionOutcome? Outcome { get; init; }

    /// <summary>Who recorded the last <see cref="Outcome"/> (<c>Caller.AuditName</c>); null while none was recorded.</summary>
    public string? OutcomeBy { get; init; }

    /// <summary>Outcomes recorded so far (no-answer and voicemail keep a task open for another attempt).</summary>
    public int Attempts { get; init; }

    /// <summary>Invoice ids, in the order they joined the task.</summary>
    public IReadOnlyList<string> Invoices { get; init; } = [];

    /// <summary>Open amount per currency of the task's invoices when the task last changed.</summary>
    public IReadOnlyList<CurrencyAmount> Amounts { get; init; } = [];

    /// <summary>Strategy step ids behind the task, in the order they joined (the last is the most recent).</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    public TaskContact? Contact { get; init; }

    /// <summary>The step's template (letters; <c>broken-promise</c> or <c>no-contact</c> escalations).</summary>
    public string? Template { get; init; }

    /// <summary>The dispute category of a dispute task.</summary>
    public string? Category { get; init; }

    public string? Note { get; init; }

    /// <summary>Who last moved the task to its <see cref="Assignee"/> (<c>Caller.AuditName</c>), and when; null while it never moved.</summary>
    public string? ReassignedBy { get; init; }

    public DateOnly? ReassignedOn { get; init; }

    /// <summary>The task whose outcome raised this one (dispute tasks).</summary>
    public string? SourceTaskId { get; init; }

    /// <summary>Ids of the actions (or outcomes) merged into this task.</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];

    /// <summary>
    /// The outcome claimed on the task whose effects (interaction, promise, dispute, raised task) may not all be applied
    /// yet; null once they are. Whoever reads the task next finishes them (<see cref="RecordTaskOutcome"/>).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PendingOutcome? PendingOutcome { get; init; }

    /// <summary>The storage version guarding the next update; not part of the wire shape.</summary>
    [JsonIgnore]
    public string? ETag { get; init; }

    [JsonIgnore]
    public bool IsOpen => State == TaskState.Open;

    /// <summary>The most recent step, shown on worklists.</summary>
    [JsonIgnore]
    public string? Step => Steps.Count > 0 ? Steps[^1] : null;

    [JsonIgnore]
    public bool IsCollectorTask => Slot == TaskSlots.Collector;
}
