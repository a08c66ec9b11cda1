using System.Globalization;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Strategies;

/// <summary>
/// Collects one customer's fired, skipped and held-back steps, then consolidates them into actions.
/// Created only once something is due, so the common path allocates nothing.
/// </summary>
internal sealed class PlanBuilder
{
    private const int BrokenPromiseRank = int.MinValue + 1;
    private const int NoContactRank = int.MinValue;

    private readonly PlanningInput _input;
    private readonly List<LedgerEntry> _writes = [];
    private readonly List<LedgerEntry> _superseded = [];
    private readonly List<PlanNote> _notes = [];
    private readonly List<Touch> _touches = [];
    private readonly List<InternalTask> _tasks = [];

    // Invoices whose ladder moved today; superseded entries are recorded only for these.
    private readonly List<InvoiceId> _advanced = [];

    public PlanBuilder(in PlanningInput input) => _input = input;

    public void AddNote(PlanNote note) => _notes.Add(note);

    public void AddBrokenPromise(Invoice invoice)
    {
        var stepId = LedgerEntry.BrokenPromiseStepId(invoice.Promise!.Date);
        var entry = new LedgerEntry(invoice.Id, _input.Strategy.Id, LedgerEntry.PromiseVersion, stepId, LedgerOutcome.Fired, null, _input.AsOf);
        _writes.Add(entry);
        _tasks.Add(new InternalTask(ActionKind.Escalation, _input.Policy.Promises.EscalateTo, entry.Step, DunningPlanner.BrokenPromiseTemplate, BrokenPromiseRank));
    }

    public void AddLadder(InvoiceId invoice, ReadOnlySpan<StepState> states)
    {
        var steps = _input.Strategy.Steps;

        // Superseded by a step reached earlier: record now. Superseded by today's step: only if it is not deferred.
        var superseded = states.Contains(StepState.Fire) ? _superseded : _writes;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            switch (states[i])
            {
                case StepState.ConditionFailed:
                    _writes.Add(Entry(invoice, step, LedgerOutcome.Skipped, SkipReason.ConditionNotMet));
                    break;
                case StepState.Superseded:
                    superseded.Add(Entry(invoice, step, LedgerOutcome.Skipped, SkipReason.Superseded));
                    break;
                case StepState.Fire when step.ReachesCustomer:
                    _touches.Add(new Touch(KindOf(step.Action), invoice, step));
                    break;
                case StepState.Fire:
                    var entry = Entry(invoice, step, LedgerOutcome.Fired, null);
                    _writes.Add(entry);
                    _advanced.Add(invoice);
                    _tasks.Add(new InternalTask(KindOf(step.Action), step.AssignTo ?? DunningPlanner.UnassignedOwner, entry.Step, step.Template, step.Day));
                    break;
            }
        }
    }

    public CustomerPlan Build()
    {
        var actions = new List<PlannedAction>();
        var groups = GroupTouches();
        var allowed = Math.Max(0, _input.Policy.Contact.PerCustomerPerWeek - _input.ContactsInLast6Days);
        groups.Sort(static (a, b) => a.Lead.Step.Day != b.Lead.Step.Day
            ? b.Lead.Step.Day.CompareTo(a.Lead.Step.Day)
            : CapPriority(a.Kind).CompareTo(CapPriority(b.Kind)));
        for (var g = 0; g < groups.Count; g++)
        {
            if (g < allowed)
            {
                actions.Add(Fire(groups[g]));
            }
            else
            {
                Defer(groups[g]);
            }
        }

        AddInternalActions(actions);
        foreach (var entry in _superseded)
        {
            if (_advanced.Contains(entry.InvoiceId))
            {
                _writes.Add(entry);
            }
        }

        _writes.Sort(static (a, b) => CompareSteps(a.Step, b.Step));
        actions.Sort(CompareActions);
        _notes.Sort(ComparePlanNotes);
        return new CustomerPlan(_writes, actions, _notes);
    }

    /// <summary>One group per customer-facing kind; steps without a usable contact become no-contact tasks instead.</summary>
    private List<TouchGroup> GroupTouches()
    {
        var groups = new List<TouchGroup>(3);
        foreach (var kind in (ReadOnlySpan<ActionKind>)[ActionKind.Email, ActionKind.Call, ActionKind.Letter])
        {
            var members = _touches.FindAll(t => t.Kind == kind);
            if (members.Count == 0)
            {
                continue;
            }

            var lead = members[0];
            foreach (var member in members)
            {
                var byDay = member.Step.Day.CompareTo(lead.Step.Day);
                if (byDay > 0 || (byDay == 0 && CompareIds(member.Invoice, lead.Invoice) < 0))
                {
                    lead = member;
                }
            }

            var contact = ContactChooser.Choose(_input.Customer.Contacts, lead.Step.ContactRole, kind, _input.Policy.Contact.FallbackOrder);
            if (contact is null)
            {
                AddNoContact(members);
            }
            else
            {
                groups.Add(new TouchGroup(kind, lead, members, contact));
            }
        }

        return groups;
    }

    private void AddNoContact(List<Touch> members)
    {
        var owner = _input.Customer.AssignedCollector ?? DunningPlanner.UnassignedOwner;
        foreach (var member in members)
        {
            var entry = Entry(member.Invoice, member.Step, LedgerOutcome.Skipped, SkipReason.NoContact);
            _writes.Add(entry);
            _advanced.Add(member.Invoice);
            _notes.Add(new PlanNote(PlanNoteKind.NoContact, member.Invoice, member.Step.Id));
            _tasks.Add(new InternalTask(ActionKind.Escalation, owner, entry.Step, DunningPlanner.NoContactTemplate, NoContactRank));
        }
    }

    private PlannedAction Fire(TouchGroup group)
    {
        var invoices = new List<InvoiceId>(group.Members.Count);
        var steps = new List<StepRef>(group.Members.Count);
        foreach (var member in group.Members)
        {
            var entry = Entry(member.Invoice, member.Step, LedgerOutcome.Fired, null);
            _writes.Add(entry);
            _advanced.Add(member.Invoice);
            invoices.Add(member.Invoice);
            steps.Add(entry.Step);
        }

        return new PlannedAction(ActionId(group.Kind, null), group.Kind, _input.Customer.Id, group.Lead.Step.Template, group.Contact, null, Sorted(invoices), Sorted(steps));
    }

    private void Defer(TouchGroup group)
    {
        foreach (var member in group.Members)
        {
            _notes.Add(new PlanNote(PlanNoteKind.DeferredByContactCap, member.Invoice, member.Step.Id));
        }
    }

    private void AddInternalActions(List<PlannedAction> actions)
    {
        var done = new bool[_tasks.Count];
        for (var i = 0; i < _tasks.Count; i++)
        {
            if (done[i])
            {
                continue;
            }

            var lead = _tasks[i];
            var invoices = new List<InvoiceId>();
            var steps = new List<StepRef>();
            for (var j = i; j < _tasks.Count; j++)
            {
                var task = _tasks[j];
                if (done[j] || task.Kind != _tasks[i].Kind || !string.Equals(task.AssignTo, _tasks[i].AssignTo, StringComparison.Ordinal))
                {
                    continue;
                }

                done[j] = true;
                invoices.Add(task.Step.InvoiceId);
                steps.Add(task.Step);
                if (task.Rank > lead.Rank || (task.Rank == lead.Rank && CompareSteps(task.Step, lead.Step) < 0))
                {
                    lead = task;
                }
            }

            actions.Add(new PlannedAction(ActionId(lead.Kind, lead.AssignTo), lead.Kind, _input.Customer.Id, lead.Template, null, lead.AssignTo, Sorted(invoices), Sorted(steps)));
        }
    }

    private LedgerEntry Entry(InvoiceId invoice, StrategyStep step, LedgerOutcome outcome, string? reason) =>
        new(invoice, _input.Strategy.Id, _input.Strategy.Version, step.Id, outcome, reason, _input.AsOf);

    private string ActionId(ActionKind kind, string? assignTo)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{_input.AsOf:yyyyMMdd}-{_input.Customer.Id.Value}-{KebabName<ActionKind>.Format(kind)}");
        return assignTo is null ? prefix : prefix + "-" + assignTo;
    }

    private static ActionKind KindOf(StepAction action) => action switch
    {
        StepAction.Email => ActionKind.Email,
        StepAction.Call => ActionKind.Call,
        StepAction.Letter => ActionKind.Letter,
        StepAction.Escalate => ActionKind.Escalation,
        _ => ActionKind.Agency,
    };

    /// <summary>Lower is kept first when the contact cap bites (after the step day): call, then email, then letter.</summary>
    private static int CapPriority(ActionKind kind) => kind switch
    {
        ActionKind.Call => 0,
        ActionKind.Email => 1,
        _ => 2,
    };

    private static List<InvoiceId> Sorted(List<InvoiceId> ids)
    {
        ids.Sort(CompareIds);
        for (var i = ids.Count - 1; i > 0; i--)
        {
            if (ids[i] == ids[i - 1])
            {
                ids.RemoveAt(i);
            }
        }

        return ids;
    }

    private static List<StepRef> Sorted(List<StepRef> steps)
    {
        steps.Sort(CompareSteps);
        return steps;
    }

    private static int CompareIds(InvoiceId a, InvoiceId b) => string.CompareOrdinal(a.Value, b.Value);

    private static int CompareSteps(StepRef a, StepRef b)
    {
        var byInvoice = CompareIds(a.InvoiceId, b.InvoiceId);
        if (byInvoice != 0)
        {
            return byInvoice;
        }

        var byVersion = string.CompareOrdinal(a.StrategyVersion, b.StrategyVersion);
        return byVersion != 0 ? byVersion : string.CompareOrdinal(a.StepId, b.StepId);
    }

    private static int CompareActions(PlannedAction a, PlannedAction b)
    {
        var byKind = a.Kind.CompareTo(b.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byAssignee = string.CompareOrdinal(a.AssignTo, b.AssignTo);
        return byAssignee != 0 ? byAssignee : CompareIds(a.Invoices[0], b.Invoices[0]);
    }

    private static int ComparePlanNotes(PlanNote a, PlanNote b)
    {
        var byKind = a.Kind.CompareTo(b.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byInvoice = string.CompareOrdinal(a.InvoiceId?.Value, b.InvoiceId?.Value);
        return byInvoice != 0 ? byInvoice : string.CompareOrdinal(a.StepId, b.StepId);
    }

    private readonly record struct Touch(ActionKind Kind, InvoiceId Invoice, StrategyStep Step);

    private readonly record struct InternalTask(ActionKind Kind, string AssignTo, StepRef Step, string? Template, int Rank);

    private sealed record TouchGroup(ActionKind Kind, Touch Lead, List<Touch> Members, Contact Contact);
}
