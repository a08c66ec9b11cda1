using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Invoices;

/// <summary>The kind of touch point with a customer.</summary>
public enum InteractionKind
{
    Email,
    Call,
    Letter,
    Note,
    Escalation,
    Agency,
    PaymentFailed,
}

/// <summary>What came of an interaction. Wire name: kebab-case (<c>no-answer</c>).</summary>
public enum InteractionOutcome
{
    None,
    Sent,
    Reached,
    NoAnswer,
    Voicemail,
    WrongContact,
    Promise,
    Dispute,
    PaidClaimed,
    Refused,
}

/// <summary>
/// One touch point with a customer: a call, an email, a note. <see cref="RecordedBy"/> is who recorded it, as the audit
/// names them (a person, <c>key:&lt;name&gt;</c>); null for what the app did on its own (the daily run's emails) or what
/// came with the ERP's data. <see cref="Source"/> names where it came in when that is not the app's own users
/// (<see cref="PortalSource"/>: the customer, on the customer page); null otherwise.
/// </summary>
public sealed record Interaction(CustomerId CustomerId, DateOnly Date, InteractionKind Kind, InteractionOutcome Outcome, string? Note = null, string? RecordedBy = null, string? Source = null)
{
    /// <summary>The <see cref="Source"/> of what a customer did on the customer page (a dispute, a promise, a request, an opt-out).</summary>
    public const string PortalSource = "portal";

    /// <summary>Outcomes that show a customer is hard to reach or unwilling to talk.</summary>
    public bool IsDifficult => Outcome is InteractionOutcome.NoAnswer or InteractionOutcome.Voicemail
        or InteractionOutcome.WrongContact or InteractionOutcome.Refused;
}
