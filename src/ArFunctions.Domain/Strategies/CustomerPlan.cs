using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Strategies;

/// <summary>Something the planner deliberately did not do today. Wire name: kebab-case.</summary>
public enum PlanNoteKind
{
    Excluded,
    BelowMinimumBalance,
    PausedByDispute,
    PausedByPromise,
    DeferredByContactCap,
    NoContact,

    /// <summary>A customer-facing step due on a weekend or holiday under <see cref="Policies.ContactSettings.BusinessDaysOnly"/>: it waits.</summary>
    NotBusinessDay,

    /// <summary>The customer's credits cover the invoice's whole open amount (<see cref="Invoices.CreditAllocation"/>).</summary>
    CoveredByCredit,

    /// <summary>
    /// The step's first-choice contact takes no email (bounced, suppressed, opted out: <see cref="PlanNote.Detail"/>
    /// says who and why); the step went to the next usable contact or channel, or found none (<see cref="NoContact"/>).
    /// </summary>
    ContactBlocked,
}

/// <summary>Why something was not done (or not as planned); <see cref="InvoiceId"/> and <see cref="StepId"/> say what, when it is one invoice or step.</summary>
public readonly record struct PlanNote(PlanNoteKind Kind, InvoiceId? InvoiceId = null, string? StepId = null, string? Detail = null);

/// <summary>
/// The day's plan for one customer: the ledger entries to insert (fired and skipped), the consolidated actions,
/// and notes on what was held back. Write <see cref="LedgerWrites"/> before sending <see cref="Actions"/>.
/// </summary>
public sealed class CustomerPlan
{
    public CustomerPlan(IReadOnlyList<LedgerEntry> ledgerWrites, IReadOnlyList<PlannedAction> actions, IReadOnlyList<PlanNote> notes)
    {
        LedgerWrites = ledgerWrites;
        Actions = actions;
        Notes = notes;
    }

    /// <summary>Nothing due, nothing to record: the common case, shared so that it costs no allocation.</summary>
    public static CustomerPlan Nothing { get; } = new([], [], []);

    internal static CustomerPlan Excluded { get; } = new([], [], [new PlanNote(PlanNoteKind.Excluded)]);

    internal static CustomerPlan BelowMinimumBalance { get; } = new([], [], [new PlanNote(PlanNoteKind.BelowMinimumBalance)]);

    internal static CustomerPlan CoveredByCredit { get; } = new([], [], [new PlanNote(PlanNoteKind.CoveredByCredit)]);

    /// <summary>Sorted by invoice id, strategy version, step id.</summary>
    public IReadOnlyList<LedgerEntry> LedgerWrites { get; }

    /// <summary>Sorted by kind, then assignee, then first invoice id.</summary>
    public IReadOnlyList<PlannedAction> Actions { get; }

    public IReadOnlyList<PlanNote> Notes { get; }

    /// <summary>True when there is nothing to record and nothing to do (notes aside).</summary>
    public bool IsEmpty => LedgerWrites.Count == 0 && Actions.Count == 0;
}
