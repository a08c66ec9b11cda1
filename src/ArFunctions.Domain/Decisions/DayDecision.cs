using ArFunctions.Domain.Common;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Domain.Decisions;

/// <summary>
/// Why a step did not fire (or an invoice or customer was held back) on a run date: the closed list the decision log,
/// the API, the page and <c>arfn explain</c> speak. Wire names are kebab-case (<see cref="KebabName{TEnum}"/>).
/// </summary>
public enum NotFiredReason
{
    /// <summary>A later step of the same invoice fired (or had fired) instead: a catch-up does not burst.</summary>
    Superseded,

    /// <summary>The step's <c>when</c> condition was false on the day it became due; it is never considered again.</summary>
    ConditionNotMet,

    /// <summary>Already in the past on a baseline day (the customer's first run): the ladder starts at the current step.</summary>
    Baseline,

    /// <summary>No contact usable for the step's channel and role; a task asks someone to find one.</summary>
    NoContact,

    /// <summary>The invoice has an open dispute: nothing is recorded, so its steps stay due.</summary>
    PausedByDispute,

    /// <summary>The invoice is under an unexpired promise to pay (grace days included).</summary>
    PausedByPromise,

    /// <summary>The customer reached the weekly contact cap; the step fires on a later day.</summary>
    ContactCap,

    /// <summary>The customer is excluded from collections (legal hold, key relationship, ...).</summary>
    OptedOut,

    /// <summary>The customer's overdue balance is below the policy's minimum.</summary>
    BelowMinimumBalance,

    /// <summary>The customer's stored data could not be worked with; it was left out of the day.</summary>
    DataProblem,

    /// <summary>
    /// The step reaches the customer and the run date is a weekend day or holiday of a policy that contacts customers
    /// on business days only; the step fires on the next business day.
    /// </summary>
    NotBusinessDay,

    /// <summary>
    /// The customer's credits (credit memos, unapplied cash, overpayments) cover the invoice's open amount, or bring the
    /// customer's balance below the policy's minimum: there is nothing to chase.
    /// </summary>
    CoveredByCredit,
}

/// <summary>
/// A step that fired, and the action that carries it. Steps of several invoices due together share one action (one
/// email, one call per customer and day): that consolidation shows as one <see cref="ActionId"/> on several steps.
/// <see cref="Rerouted"/> says why it went to another contact or channel than its first choice, when it did.
/// </summary>
public sealed record FiredStep(InvoiceId InvoiceId, string StepId, ActionKind Kind, string ActionId, string? ContactRole, string? Template = null, string? Rerouted = null);

/// <summary>A step, an invoice or the whole customer held back, and why; <see cref="Detail"/> carries a data problem's words.</summary>
public sealed record NotFiredStep(NotFiredReason Reason, InvoiceId? InvoiceId = null, string? StepId = null, string? Detail = null);

/// <summary>
/// The engine's decisions for one customer on one run date, as the decision log keeps them: the segment and the rule
/// that matched (with the triggers of a move), every step that fired with its action, and every step that did not with
/// its reason. What happened to each action afterwards (sent, skipped when sending, failed) is the action's own record.
/// </summary>
public sealed record DayDecision(
    CustomerId CustomerId,
    DateOnly On,
    string? SegmentId,
    string? MatchedRule,
    string? MovedFrom,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<FiredStep> Fired,
    IReadOnlyList<NotFiredStep> NotFired)
{
    /// <summary>
    /// The record of <paramref name="decision"/>, or null when there is nothing to explain (no step due, nothing held
    /// back, no segment move): most customers on most days, which the log does not store.
    /// </summary>
    public static DayDecision? Of(CustomerId customerId, DateOnly on, in CustomerDecision decision)
    {
        var plan = decision.Plan;
        var segment = decision.Segment;
        var moved = segment.Moved || (segment.PreviousSegmentId is null && segment.Triggers.Count > 0);
        if (plan.LedgerWrites.Count == 0 && plan.Actions.Count == 0 && plan.Notes.Count == 0 && !moved)
        {
            return null;
        }

        var blocked = Blocked(plan.Notes);
        var fired = new List<FiredStep>();
        foreach (var action in plan.Actions)
        {
            foreach (var step in action.Steps)
            {
                fired.Add(new FiredStep(
                    step.InvoiceId, step.StepId, action.Kind, action.ActionId, action.Contact is { } contact ? KebabName<Customers.ContactRole>.Format(contact.Role) : null, action.Template,
                    blocked?.GetValueOrDefault((step.InvoiceId, step.StepId))));
            }
        }

        var notFired = new List<NotFiredStep>();
        foreach (var write in plan.LedgerWrites)
        {
            if (write.Outcome == LedgerOutcome.Skipped)
            {
                notFired.Add(new NotFiredStep(ReasonOf(write.Reason), write.InvoiceId, write.StepId, blocked?.GetValueOrDefault((write.InvoiceId, write.StepId))));
            }
        }

        foreach (var note in plan.Notes)
        {
            // A no-contact note repeats a skipped ledger entry, already listed; a blocked contact explains a step listed above.
            if (note.Kind is not (PlanNoteKind.NoContact or PlanNoteKind.ContactBlocked))
            {
                notFired.Add(new NotFiredStep(ReasonOf(note.Kind), note.InvoiceId, note.StepId));
            }
        }

        return new DayDecision(
            customerId, on, segment.SegmentId, segment.MatchedRule, moved ? segment.PreviousSegmentId : null, moved ? segment.Triggers : [], fired, notFired);
    }

    /// <summary>A customer left out of the day for data problems: no segment, no step, the problems as reasons.</summary>
    public static DayDecision LeftOut(CustomerId customerId, DateOnly on, IEnumerable<DataProblem> problems) =>
        new(customerId, on, null, null, null, [], [], [.. problems.Select(p => new NotFiredStep(NotFiredReason.DataProblem, p.InvoiceId, Detail: p.Field is null ? p.Reason : $"{p.Field}: {p.Reason}"))]);

    /// <summary>Why each step's first-choice contact was passed over, by invoice and step; null when none was.</summary>
    private static Dictionary<(InvoiceId, string), string>? Blocked(IReadOnlyList<PlanNote> notes)
    {
        Dictionary<(InvoiceId, string), string>? blocked = null;
        foreach (var note in notes)
        {
            if (note is { Kind: PlanNoteKind.ContactBlocked, InvoiceId: { } invoice, StepId: { } step, Detail: { } detail })
            {
                (blocked ??= [])[(invoice, step)] = detail;
            }
        }

        return blocked;
    }

    private static NotFiredReason ReasonOf(string? skipReason) => skipReason switch
    {
        SkipReason.Superseded => NotFiredReason.Superseded,
        SkipReason.ConditionNotMet => NotFiredReason.ConditionNotMet,
        SkipReason.Baseline => NotFiredReason.Baseline,
        SkipReason.NoContact => NotFiredReason.NoContact,
        _ => throw new ArgumentOutOfRangeException(nameof(skipReason), skipReason, "A skipped ledger entry names one of SkipReason's reasons."),
    };

    private static NotFiredReason ReasonOf(PlanNoteKind kind) => kind switch
    {
        PlanNoteKind.Excluded => NotFiredReason.OptedOut,
        PlanNoteKind.BelowMinimumBalance => NotFiredReason.BelowMinimumBalance,
        PlanNoteKind.PausedByDispute => NotFiredReason.PausedByDispute,
        PlanNoteKind.PausedByPromise => NotFiredReason.PausedByPromise,
        PlanNoteKind.DeferredByContactCap => NotFiredReason.ContactCap,
        PlanNoteKind.NoContact => NotFiredReason.NoContact,
        PlanNoteKind.NotBusinessDay => NotFiredReason.NotBusinessDay,
        PlanNoteKind.CoveredByCredit => NotFiredReason.CoveredByCredit,
        PlanNoteKind.ContactBlocked => NotFiredReason.NoContact,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown plan note."),
    };
}
