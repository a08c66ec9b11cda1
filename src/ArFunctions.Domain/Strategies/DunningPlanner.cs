using System.Buffers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Strategies;

/// <summary>
/// Decides which strategy steps are due today for one customer, given the ledger of steps already executed.
/// Pure: the same input gives the same plan, so a retried day reproduces the same ledger keys and action ids.
/// </summary>
/// <remarks>
/// Rules, in order:
/// <list type="number">
/// <item>An excluded customer, or one whose collectible, undisputed balance (base currency, net of the credits
/// allocated to it) is below <c>MinimumBalance</c>, gets nothing; when the balance reaches the minimum without the
/// credits, the customer is held back as covered by credit instead.</item>
/// <item>Only collectible invoices are considered. An invoice the customer's credits cover in full
/// (<see cref="PlanningInput.Credits"/>) is held back as covered by credit: a customer whose credits cover the
/// overdue amount is not chased. An open dispute or an unexpired promise (today on or before the
/// promised date plus grace days) pauses an invoice: nothing is recorded, so its steps stay due.</item>
/// <item>A broken promise raises one escalation to <c>Promises.EscalateTo</c>, recorded once per promise; the ladder
/// then resumes.</item>
/// <item>A step is due once the offset from the due date (calendar or business days) reaches its day. A due step whose
/// condition is false is skipped for good. Of the other due steps not yet in the ledger, only those on the latest day
/// fire; the earlier ones are recorded as superseded, as are any older than a step the ladder already reached.</item>
/// <item>Fired steps are consolidated into one email, one call and one letter per customer, and one internal task per
/// kind and assignee; the most advanced step (highest day) gives the template and the contact role. Contacts are
/// chosen by <see cref="ContactChooser.Choose"/>. Without a usable contact the steps
/// are skipped (<see cref="SkipReason.NoContact"/>) and an escalation to the account's collector (or
/// <see cref="UnassignedOwner"/>) asks someone to find a contact. When tasks for one assignee merge, a ladder step's
/// template wins over <see cref="BrokenPromiseTemplate"/>, which wins over <see cref="NoContactTemplate"/>.</item>
/// <item>With <see cref="ContactSettings.BusinessDaysOnly"/>, customer-facing steps due on a day that is not a business
/// day of the policy calendar are held (<see cref="PlanNoteKind.NotBusinessDay"/>); unrecorded, they fire on the next
/// business day's run.</item>
/// <item>Customer-facing actions beyond the weekly contact cap are deferred, most advanced kept first (highest step day,
/// then call, email, letter); their steps are not recorded, so they fire on a later day.</item>
/// </list>
/// </remarks>
public static class DunningPlanner
{
    /// <summary>Who gets internal tasks that name no one: no-contact tasks of unassigned accounts, steps without <c>to</c>.</summary>
    public const string UnassignedOwner = "collections-manager";

    /// <summary>Template of the escalation raised when a promise is broken.</summary>
    public const string BrokenPromiseTemplate = "broken-promise";

    /// <summary>Template of the task raised when a customer-facing step finds no usable contact.</summary>
    public const string NoContactTemplate = "no-contact";

    private const int MaxStackSteps = 64;
    private const int MaxStackInts = 1024;

    /// <summary>
    /// Today's plan for one customer. Returns the shared <see cref="CustomerPlan.Nothing"/> when nothing is due and
    /// nothing is to be recorded; that path allocates nothing.
    /// </summary>
    public static CustomerPlan Plan(in PlanningInput input)
    {
        if (input.Customer.Excluded)
        {
            return CustomerPlan.Excluded;
        }

        if (input.OpenInvoiceSegment is { } segment)
        {
            return Plan(input, segment);
        }

        using var invoices = new ListSpan<Invoice>(input.OpenInvoices);
        return Plan(input, invoices.Items);
    }

    private static CustomerPlan Plan(in PlanningInput input, ReadOnlySpan<Invoice> invoices)
    {
        if (input.Policy.MinimumBalance > 0m && !ReachesMinimumBalance(input, invoices, input.Policy.MinimumBalance, input.Credits))
        {
            // Below the minimum only because of credits: say so, it is the credit that stops the chasing.
            return input.Credits is { IsEmpty: false } && ReachesMinimumBalance(input, invoices, input.Policy.MinimumBalance, null)
                ? CustomerPlan.CoveredByCredit
                : CustomerPlan.BelowMinimumBalance;
        }

        return PlanInvoices(input, invoices) ?? CustomerPlan.Nothing;
    }

    private static CustomerPlan? PlanInvoices(in PlanningInput input, ReadOnlySpan<Invoice> invoices)
    {
        using var stepList = new ListSpan<StrategyStep>(input.Strategy.Steps);
        using var entries = new ListSpan<LedgerEntry>(input.Ledger);
        var steps = stepList.Items;
        var states = steps.Length <= MaxStackSteps ? stackalloc StepState[MaxStackSteps] : new StepState[steps.Length];
        states = states[..steps.Length];
        var scratchSize = LedgerIndex.ScratchSize(entries.Items.Length);
        int[]? rented = null;
        var scratch = scratchSize <= MaxStackInts ? stackalloc int[scratchSize] : (rented = ArrayPool<int>.Shared.Rent(scratchSize));
        var ledger = new LedgerIndex(entries.Items, scratch);
        var firstDay = FirstDay(steps);
        PlanBuilder? plan = null;
        foreach (var invoice in invoices)
        {
            if (invoice.IsCollectible)
            {
                PlanInvoice(input, invoice, steps, firstDay, ref ledger, states, ref plan);
            }
        }

        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }

        return plan?.Build();
    }

    private static void PlanInvoice(
        in PlanningInput input, Invoice invoice, ReadOnlySpan<StrategyStep> steps, int firstDay, ref LedgerIndex ledger, Span<StepState> states, ref PlanBuilder? plan)
    {
        var pause = input.Credits?.Covers(invoice) == true ? PlanNoteKind.CoveredByCredit : PauseOf(invoice, input.AsOf, input.Policy.Promises.GraceDays);
        if (pause is null && HasUnrecordedBrokenPromise(invoice, input.AsOf, ref ledger))
        {
            (plan ??= PlanBuilder.Rent(input)).AddBrokenPromise(invoice);
        }

        var offset = input.Policy.Calendar.Offset(invoice.DueDate, input.AsOf, input.Strategy.DayCounting);
        if (offset < firstDay || !StepLadder.Evaluate(invoice.Id, input, steps, offset, ref ledger, states))
        {
            return;
        }

        plan ??= PlanBuilder.Rent(input);
        if (pause is { } paused)
        {
            // Something would have happened: say why it did not, and record nothing so it stays due.
            plan.AddNote(new PlanNote(paused, invoice.Id));
        }
        else
        {
            plan.AddLadder(invoice.Id, states);
        }
    }

    /// <summary>Why <paramref name="invoice"/> is paused today, or null when it is not.</summary>
    private static PlanNoteKind? PauseOf(Invoice invoice, DateOnly asOf, int graceDays)
    {
        if (invoice.Dispute is { } dispute && dispute.IsOpenOn(asOf))
        {
            return PlanNoteKind.PausedByDispute;
        }

        if (invoice.Promise is { } promise && promise.MadeOn <= asOf && asOf <= promise.Date.AddDays(graceDays))
        {
            return PlanNoteKind.PausedByPromise;
        }

        return null;
    }

    private static bool HasUnrecordedBrokenPromise(Invoice invoice, DateOnly asOf, ref LedgerIndex ledger)
    {
        if (invoice.Promise is not { } promise || promise.MadeOn > asOf)
        {
            return false;
        }

        foreach (var entry in ledger.EntriesOf(invoice.Id))
        {
            if (entry.IsBrokenPromise(invoice.Id, promise.Date))
            {
                return false;
            }
        }

        // PauseOf already ruled out an unexpired promise, so this one is broken.
        return true;
    }

    /// <summary>
    /// Whether the open amount of collectible invoices not under an open dispute, net of <paramref name="credits"/>
    /// allocated to them (when given), in the base currency, reaches <paramref name="minimum"/>. Collectible amounts and rates are positive, so the sum can stop once it gets there.
    /// </summary>
    private static bool ReachesMinimumBalance(in PlanningInput input, ReadOnlySpan<Invoice> invoices, decimal minimum, CreditAllocation? credits)
    {
        var currency = input.Policy.Currency;
        credits ??= CreditAllocation.None;
        var balance = 0m;
        foreach (var invoice in invoices)
        {
            if (invoice.IsCollectible && !(invoice.Dispute is { } dispute && dispute.IsOpenOn(input.AsOf)))
            {
                balance += currency.ToBase(credits.NetOpen(invoice), invoice.Currency);
                if (balance >= minimum)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int FirstDay(ReadOnlySpan<StrategyStep> steps)
    {
        var first = int.MaxValue;
        foreach (var step in steps)
        {
            first = Math.Min(first, step.Day);
        }

        return first;
    }
}
