using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Strategies;

/// <summary>
/// Collects one customer's fired, skipped and held-back steps, then consolidates them into actions. Taken only once
/// something is due (<see cref="Rent"/>), so the common path allocates nothing; one builder per thread is reused from
/// customer to customer, so a plan allocates only what it hands out (exact-size arrays, its actions and their ids).
/// </summary>
internal sealed class PlanBuilder
{
    private const int BrokenPromiseRank = int.MinValue + 1;
    private const int NoContactRank = int.MinValue;
    private const int MaxStackTasks = 64;

    private static readonly ActionKind[] TouchKinds = [ActionKind.Email, ActionKind.Call, ActionKind.Letter];

    // Wire names by ordinal: an array read where KebabName does a dictionary lookup.
    private static readonly string[] KindNames = [.. Enum.GetValues<ActionKind>().Select(KebabName<ActionKind>.Format)];

    // The idle builder of this thread: taken by Rent, put back by Build.
    [ThreadStatic]
    private static PlanBuilder? _idle;

    // Only what the plan reads: a copy of the whole input would drag the customer's features into every builder.
    private Customer _customer = null!;
    private Strategy _strategy = null!;
    private CollectionPolicy _policy = null!;
    private DateOnly _asOf;
    private int _contactsInLast6Days;
    private bool _baseline;
    private IReadOnlyList<ContactState>? _contactStates;

    // Customers are not contacted today: the policy contacts on business days only and today is not one.
    private bool _holdContacts;

    // The as-of date as yyyyMMdd, kept while the date stays the same (a whole portfolio's day).
    private DateOnly _dateOf;
    private string? _date;

    private readonly List<LedgerEntry> _writes = [];
    private readonly List<LedgerEntry> _superseded = [];
    private readonly List<PlanNote> _notes = [];
    private readonly List<Touch> _touches = [];
    private readonly List<InternalTask> _tasks = [];
    private readonly List<PlannedAction> _actions = [];
    private readonly TouchGroup[] _groups = new TouchGroup[TouchKinds.Length];

    // Invoices whose ladder moved today; superseded entries are recorded only for these.
    private readonly List<InvoiceId> _advanced = [];

    private PlanBuilder()
    {
    }

    /// <summary>An empty builder for <paramref name="input"/>'s customer; <see cref="Build"/> gives it back.</summary>
    public static PlanBuilder Rent(in PlanningInput input)
    {
        var builder = _idle ?? new PlanBuilder();
        _idle = null;
        builder._customer = input.Customer;
        builder._strategy = input.Strategy;
        builder._policy = input.Policy;
        builder._asOf = input.AsOf;
        builder._contactsInLast6Days = input.ContactsInLast6Days;
        builder._baseline = input.IsBaseline;
        builder._contactStates = input.ContactStates is { Count: > 0 } states ? states : null;
        builder._holdContacts = input.Policy.Contact.BusinessDaysOnly && !input.Policy.Calendar.IsBusinessDay(input.AsOf);
        return builder;
    }

    public void AddNote(PlanNote note) => _notes.Add(note);

    public void AddBrokenPromise(Invoice invoice)
    {
        var stepId = LedgerEntry.BrokenPromiseStepId(invoice.Promise!.Date);
        var entry = new LedgerEntry(invoice.Id, _strategy.Id, LedgerEntry.PromiseVersion, stepId, LedgerOutcome.Fired, null, _asOf);
        _writes.Add(entry);
        _tasks.Add(new InternalTask(ActionKind.Escalation, _policy.Promises.EscalateTo, entry.Step, DunningPlanner.BrokenPromiseTemplate, BrokenPromiseRank));
    }

    public void AddLadder(InvoiceId invoice, ReadOnlySpan<StepState> states)
    {
        var steps = _strategy.Steps;

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
                    superseded.Add(Entry(invoice, step, LedgerOutcome.Skipped, _baseline ? SkipReason.Baseline : SkipReason.Superseded));
                    break;
                case StepState.Fire when step.ReachesCustomer && _holdContacts:
                    // Nothing recorded, so the step stays due and fires on the next business day's run (or is
                    // superseded then, as any catch-up step, if a later step of the invoice is due by that day).
                    _notes.Add(new PlanNote(PlanNoteKind.NotBusinessDay, invoice, step.Id));
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

    /// <summary>The plan, in exact-size arrays; the builder is emptied and given back to this thread for the next customer.</summary>
    public CustomerPlan Build()
    {
        if (_touches.Count > 0)
        {
            AddCustomerFacingActions(_actions);
        }

        AddInternalActions(_actions);
        foreach (var entry in _superseded)
        {
            if (_advanced.Contains(entry.InvoiceId))
            {
                _writes.Add(entry);
            }
        }

        _writes.Sort(static (a, b) => CompareSteps(a.Step, b.Step));
        _actions.Sort(CompareActions);
        _notes.Sort(ComparePlanNotes);
        var plan = new CustomerPlan(ToArray(_writes), ToArray(_actions), ToArray(_notes));
        Clear();
        _idle = this;
        return plan;
    }

    private static T[] ToArray<T>(List<T> items) => items.Count == 0 ? [] : items.ToArray();

    private void Clear()
    {
        _writes.Clear();
        _superseded.Clear();
        _notes.Clear();
        _touches.Clear();
        _tasks.Clear();
        _actions.Clear();
        _advanced.Clear();
        Array.Clear(_groups);
        _customer = null!;
        _strategy = null!;
        _policy = null!;
    }

    /// <summary>Fires the touch groups the weekly cap allows, most advanced first, and defers the rest.</summary>
    private void AddCustomerFacingActions(List<PlannedAction> actions)
    {
        var groups = _groups;
        var count = GroupTouches(groups);
        var allowed = Math.Max(0, _policy.Contact.PerCustomerPerWeek - _contactsInLast6Days);
        groups.AsSpan(0, count).Sort(static (a, b) => a.Lead.Step.Day != b.Lead.Step.Day
            ? b.Lead.Step.Day.CompareTo(a.Lead.Step.Day)
            : CapPriority(a.Kind).CompareTo(CapPriority(b.Kind)));
        for (var g = 0; g < count; g++)
        {
            if (g < allowed)
            {
                actions.Add(Fire(groups[g]));
            }
            else
            {
                Defer(groups[g].Kind);
            }
        }
    }

    /// <summary>
    /// One group per customer-facing kind, written into <paramref name="groups"/>; returns how many. Steps without a
    /// usable contact become no-contact tasks instead. A group's members are the touches of its kind.
    /// </summary>
    private int GroupTouches(TouchGroup[] groups)
    {
        var count = 0;
        foreach (var kind in TouchKinds)
        {
            var members = 0;
            var lead = default(Touch);
            foreach (var touch in _touches)
            {
                if (touch.Kind != kind)
                {
                    continue;
                }

                var byDay = members == 0 ? 1 : touch.Step.Day.CompareTo(lead.Step.Day);
                if (byDay > 0 || (byDay == 0 && CompareIds(touch.Invoice, lead.Invoice) < 0))
                {
                    lead = touch;
                }

                members++;
            }

            if (members == 0)
            {
                continue;
            }

            var contact = ContactChooser.Choose(_customer.Contacts, lead.Step.ContactRole, kind, _policy.Contact.FallbackOrder, _contactStates);
            if (kind == ActionKind.Email && _contactStates is not null && RerouteBlocked(lead, contact))
            {
                continue;
            }

            if (contact is null)
            {
                AddNoContact(kind);
            }
            else
            {
                groups[count++] = new TouchGroup(kind, lead, members, contact);
            }
        }

        return count;
    }

    /// <summary>
    /// When the email's first-choice contact takes no email (bounced, suppressed, opted out), notes why on each email
    /// touch (every contact passed over, and where the email went), and with no other contact for the email moves the touches to the next channel the customer's strategy uses
    /// (a call, then a letter) that has a usable contact. True when the touches moved: they join that channel's group.
    /// </summary>
    private bool RerouteBlocked(in Touch lead, Contact? chosen)
    {
        var role = lead.Step.ContactRole;
        if (ContactChooser.Choose(_customer.Contacts, role, ActionKind.Email, _policy.Contact.FallbackOrder) is not { } first
            || ContactChooser.BlockedBy(first, _contactStates) is null)
        {
            return false;
        }

        var channel = chosen is null ? NextChannel(role) : null;
        var went = chosen is not null ? $"the email went to {chosen.Name} ({KebabName<ContactRole>.Format(chosen.Role)})"
            : channel is { } next ? $"no other contact takes email; a {KindNames[(int)next]} instead"
            : "no other contact takes email and the strategy has no other channel";
        var detail = ContactChooser.WhyNoEmail(_customer.Contacts, _contactStates) + "; " + went;
        for (var i = 0; i < _touches.Count; i++)
        {
            var touch = _touches[i];
            if (touch.Kind == ActionKind.Email)
            {
                _notes.Add(new PlanNote(PlanNoteKind.ContactBlocked, touch.Invoice, touch.Step.Id, detail));
                if (channel is { } moved)
                {
                    _touches[i] = touch with { Kind = moved };
                }
            }
        }

        return channel is not null;
    }

    /// <summary>The first of call and letter that the customer's strategy uses and a contact can take for <paramref name="role"/>.</summary>
    private ActionKind? NextChannel(ContactRole? role)
    {
        foreach (var channel in (ReadOnlySpan<ActionKind>)[ActionKind.Call, ActionKind.Letter])
        {
            var used = false;
            foreach (var step in _strategy.Steps)
            {
                used |= KindOf(step.Action) == channel;
            }

            if (used && ContactChooser.Choose(_customer.Contacts, role, channel, _policy.Contact.FallbackOrder) is not null)
            {
                return channel;
            }
        }

        return null;
    }

    private void AddNoContact(ActionKind kind)
    {
        var owner = _customer.AssignedCollector ?? DunningPlanner.UnassignedOwner;
        foreach (var member in _touches)
        {
            if (member.Kind != kind)
            {
                continue;
            }

            var entry = Entry(member.Invoice, member.Step, LedgerOutcome.Skipped, SkipReason.NoContact);
            _writes.Add(entry);
            _advanced.Add(member.Invoice);
            _notes.Add(new PlanNote(PlanNoteKind.NoContact, member.Invoice, member.Step.Id));
            _tasks.Add(new InternalTask(ActionKind.Escalation, owner, entry.Step, DunningPlanner.NoContactTemplate, NoContactRank));
        }
    }

    private PlannedAction Fire(in TouchGroup group)
    {
        var invoices = new InvoiceId[group.Members];
        var steps = new StepRef[group.Members];
        var m = 0;
        foreach (var member in _touches)
        {
            if (member.Kind != group.Kind)
            {
                continue;
            }

            var entry = Entry(member.Invoice, member.Step, LedgerOutcome.Fired, null);
            _writes.Add(entry);
            _advanced.Add(member.Invoice);
            invoices[m] = member.Invoice;
            steps[m] = entry.Step;
            m++;
        }

        return new PlannedAction(ActionId(group.Kind, null), group.Kind, _customer.Id, TemplateOf(group.Lead.Step), group.Contact, null, Sorted(invoices), Sorted(steps));
    }

    /// <summary>
    /// The step's template, except on a baseline day: an email or letter after the due date that is not the ladder's
    /// first one would presume reminders the customer never had, so it speaks as a first contact.
    /// </summary>
    private string? TemplateOf(StrategyStep step)
    {
        if (!_baseline || step.Template is null || step.Day <= 0)
        {
            return step.Template;
        }

        foreach (var other in _strategy.Steps)
        {
            if (other.ReachesCustomer && other.Day > 0 && other.Day < step.Day)
            {
                return _policy.Baseline.FirstContactTemplate;
            }
        }

        return step.Template;
    }

    private void Defer(ActionKind kind)
    {
        foreach (var member in _touches)
        {
            if (member.Kind == kind)
            {
                _notes.Add(new PlanNote(PlanNoteKind.DeferredByContactCap, member.Invoice, member.Step.Id));
            }
        }
    }

    /// <summary>One action per kind and assignee; its lead task (highest rank, then first step) gives the template.</summary>
    private void AddInternalActions(List<PlannedAction> actions)
    {
        var done = _tasks.Count <= MaxStackTasks ? stackalloc bool[_tasks.Count] : new bool[_tasks.Count];
        for (var i = 0; i < _tasks.Count; i++)
        {
            if (done[i])
            {
                continue;
            }

            var members = 0;
            for (var j = i; j < _tasks.Count; j++)
            {
                members += SameAction(_tasks[j], _tasks[i]) ? 1 : 0;
            }

            var lead = _tasks[i];
            var invoices = new InvoiceId[members];
            var steps = new StepRef[members];
            var m = 0;
            for (var j = i; j < _tasks.Count; j++)
            {
                var task = _tasks[j];
                if (done[j] || !SameAction(task, _tasks[i]))
                {
                    continue;
                }

                done[j] = true;
                invoices[m] = task.Step.InvoiceId;
                steps[m] = task.Step;
                m++;
                if (task.Rank > lead.Rank || (task.Rank == lead.Rank && CompareSteps(task.Step, lead.Step) < 0))
                {
                    lead = task;
                }
            }

            actions.Add(new PlannedAction(ActionId(lead.Kind, lead.AssignTo), lead.Kind, _customer.Id, lead.Template, null, lead.AssignTo, Sorted(invoices), Sorted(steps)));
        }
    }

    // A task found done here was taken by an earlier lead of the same kind and assignee, so it cannot match this one.
    private static bool SameAction(in InternalTask task, in InternalTask lead) =>
        task.Kind == lead.Kind && string.Equals(task.AssignTo, lead.AssignTo, StringComparison.Ordinal);

    private LedgerEntry Entry(InvoiceId invoice, StrategyStep step, LedgerOutcome outcome, string? reason) =>
        new(invoice, _strategy.Id, _strategy.Version, step.Id, outcome, reason, _asOf);

    /// <summary><c>yyyyMMdd-customerId-kind</c>, then <c>-assignTo</c> for internal tasks.</summary>
    private string ActionId(ActionKind kind, string? assignTo)
    {
        if (_date is null || _dateOf != _asOf)
        {
            _date = PlannedAction.IdDay(_asOf);
            _dateOf = _asOf;
        }

        var date = _date;
        var kindName = KindNames[(int)kind];
        return assignTo is null
            ? string.Concat(date, "-", _customer.Id.Value, "-", kindName)
            : string.Concat([date, "-", _customer.Id.Value, "-", kindName, "-", assignTo]);
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

    /// <summary>Sorts <paramref name="ids"/> in place and drops repeats (an invoice may bring several steps).</summary>
    private static InvoiceId[] Sorted(InvoiceId[] ids)
    {
        if (ids.Length < 2)
        {
            return ids;
        }

        Array.Sort(ids, CompareIds);
        var distinct = 1;
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] != ids[distinct - 1])
            {
                ids[distinct++] = ids[i];
            }
        }

        return distinct == ids.Length ? ids : ids[..distinct];
    }

    private static StepRef[] Sorted(StepRef[] steps)
    {
        if (steps.Length > 1)
        {
            Array.Sort(steps, CompareSteps);
        }

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
        // As ints: Enum.CompareTo takes an object, which boxes both values.
        var byKind = ((int)a.Kind).CompareTo((int)b.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byAssignee = string.CompareOrdinal(a.AssignTo, b.AssignTo);
        return byAssignee != 0 ? byAssignee : CompareIds(a.Invoices[0], b.Invoices[0]);
    }

    private static int ComparePlanNotes(PlanNote a, PlanNote b)
    {
        var byKind = ((int)a.Kind).CompareTo((int)b.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byInvoice = string.CompareOrdinal(a.InvoiceId?.Value, b.InvoiceId?.Value);
        return byInvoice != 0 ? byInvoice : string.CompareOrdinal(a.StepId, b.StepId);
    }

    private readonly record struct Touch(ActionKind Kind, InvoiceId Invoice, StrategyStep Step);

    private readonly record struct InternalTask(ActionKind Kind, string AssignTo, StepRef Step, string? Template, int Rank);

    /// <summary>The touches of one customer-facing kind: <see cref="Members"/> of them, led by <see cref="Lead"/>.</summary>
    private readonly record struct TouchGroup(ActionKind Kind, Touch Lead, int Members, Contact Contact);
}
