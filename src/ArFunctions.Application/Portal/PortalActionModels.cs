using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Portal;

/// <summary>
/// Who acts on the customer page: the customer and the contact a verified link names (<see cref="Contact"/> is what the
/// link carries: the contact's email address or its key, <see cref="Domain.Customers.ContactKeys"/>). Nothing else
/// identifies a visitor: a customer id alone opens nothing.
/// </summary>
public sealed record PortalVisitor(CustomerId CustomerId, string Contact);

/// <summary>A dispute of one of the customer's invoices (body of POST /api/portal/{token}/dispute): a policy dispute category and a comment.</summary>
public sealed record PortalDisputeInput(string? Invoice, string? Category, string? Comment);

/// <summary>A promise to pay <see cref="Amount"/> of one invoice by <see cref="Date"/> (<c>yyyy-MM-dd</c>; body of POST /api/portal/{token}/promise).</summary>
public sealed record PortalPromiseInput(string? Invoice, string? Date, decimal? Amount);

/// <summary>
/// A request for the collector (body of POST /api/portal/{token}/request): <see cref="Kind"/> <c>invoice-copy</c> names
/// <see cref="Invoice"/>; <c>contact-change</c> says in <see cref="Comment"/> what to change.
/// </summary>
public sealed record PortalRequestInput(string? Kind, string? Invoice, string? Comment);

/// <summary>What a customer may ask the collector for. Wire name: kebab-case.</summary>
public enum PortalRequestKind
{
    InvoiceCopy,
    ContactChange,
}

/// <summary>What a portal action did, as the customer sees it. Wire name: kebab-case.</summary>
public enum PortalOutcome
{
    /// <summary>The invoice is disputed: reminders pause and the dispute category's owner has a task.</summary>
    Disputed,

    /// <summary>The promise is within the page's limits and holds now: reminders pause until its date.</summary>
    PromiseAccepted,

    /// <summary>The promise is outside the page's limits: the collector has a task to approve or refuse it.</summary>
    PromiseRequested,

    /// <summary>The request is a task for the collector.</summary>
    RequestRecorded,

    /// <summary>The link's contact gets no more email reminders.</summary>
    OptedOut,
}

public enum PortalActionStatus
{
    Done,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// The result of a portal action. When <see cref="Status"/> is Done, <see cref="Outcome"/> says what happened and
/// <see cref="Message"/> says it in a sentence for the customer; <see cref="TaskId"/> is the task it raised (a dispute's
/// owner task, a request's collector task), if any.
/// </summary>
public sealed record PortalActionResult(
    PortalActionStatus Status,
    PortalOutcome? Outcome = null,
    string? Message = null,
    string? TaskId = null,
    IReadOnlyList<FieldError>? Errors = null) : IOutcome
{
    public Failure? Failure => Status switch
    {
        PortalActionStatus.Done => null,
        PortalActionStatus.NotFound => Failure.NotFound(First("Not found.")),
        PortalActionStatus.Conflict => Failure.Conflict(First("The invoice cannot take this now.")),
        _ => Failure.Invalid("The request is invalid; nothing was recorded.", Errors ?? []),
    };

    public static PortalActionResult Done(PortalOutcome outcome, string message, string? taskId = null) => new(PortalActionStatus.Done, outcome, message, taskId);

    public static PortalActionResult Invalid(IReadOnlyList<FieldError> errors) => new(PortalActionStatus.Invalid, Errors: errors);

    public static PortalActionResult NotFound(string field, string reason) => new(PortalActionStatus.NotFound, Errors: [new FieldError(field, reason)]);

    public static PortalActionResult Conflict(string field, string reason) => new(PortalActionStatus.Conflict, Errors: [new FieldError(field, reason)]);

    private string First(string fallback) => Errors is [var first, ..] ? first.Reason : fallback;
}
