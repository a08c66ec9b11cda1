using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Tasks;

/// <summary>
/// Handles an <see cref="ActionMessage"/> of the ar-tasks queue. A call or letter creates the customer's one open
/// collector task or merges into it (invoices, open amount per currency, steps, the contact to call with phone and
/// preferred time), assigned by <see cref="TaskAssigner"/>. Escalation and agency actions make internal tasks for the
/// action's role or team, one open task per customer, kind and assignee. Invoices paid, cancelled, disputed or promised
/// since planning are dropped; with none left the action is skipped with the reason. Claim, then act: the action moves
/// Queued -> Creating under the version read, and a delivery that loses that claim does nothing but queue a check for
/// after the claim's lease (<see cref="ActionClaim.Lease"/>): the winner may die after the host deleted the message
/// the loser held, and the check then finishes the job. A delivery that finds Creating (the holder crashed after
/// claiming) completes the job: the task id is derived from the first action it absorbs and the task lists every
/// action id it absorbed, so a redelivery finds its work done or finishes it, never writing a second task.
/// </summary>
public sealed partial class CreateCallTask(
    ITaskActionStore actions,
    ITaskAccountStore accounts,
    ITaskStore tasks,
    TaskAssigner assigner,
    IMessageQueue queue,
    IPolicySource policies,
    BusinessClock clock,
    ILogger<CreateCallTask> logger)
{
    /// <summary>When a delivery that lost the claim looks again: once the winner's lease has lapsed.</summary>
    public static readonly TimeSpan CheckAfter = ActionClaim.Lease + TimeSpan.FromSeconds(1);

    private readonly TaskWriter _writer = new(tasks);

    public async Task<CreateTaskResult> HandleAsync(ActionMessage message, CancellationToken cancellationToken)
    {
        var action = await actions.GetAsync(message.Shard, message.ActionId, cancellationToken).ConfigureAwait(false);
        if (action is null || action.Kind == ActionKind.Email || action.CustomerId.Value != message.CustomerId)
        {
            var reason = action is null ? CreateTaskReasons.UnknownAction
                : action.Kind == ActionKind.Email ? CreateTaskReasons.NotATaskAction : CreateTaskReasons.CustomerMismatch;
            LogMalformed(message.ActionId, reason);
            return new CreateTaskResult(CreateTaskOutcome.Malformed, Reason: reason);
        }

        if (ActionStatusOrder.IsFinal(action.Status))
        {
            var open = await tasks.GetOpenAsync(action.CustomerId, SlotOf(action), cancellationToken).ConfigureAwait(false);
            var taskId = open?.Actions.Contains(action.ActionId, StringComparer.Ordinal) == true ? open.TaskId : null;
            return new CreateTaskResult(CreateTaskOutcome.AlreadyDone, taskId);
        }

        if (action.Status != ActionStatus.Creating && !await actions.TryClaimAsync(message.Shard, action, clock.UtcNow, cancellationToken).ConfigureAwait(false))
        {
            await queue.SendAsync(QueueNames.Tasks, message, CheckAfter, cancellationToken).ConfigureAwait(false);
            LogClaimLost(action.ActionId, CheckAfter);
            return new CreateTaskResult(CreateTaskOutcome.InProgress);
        }

        var customer = await accounts.GetCustomerAsync(action.CustomerId, cancellationToken).ConfigureAwait(false);
        if (customer is null || customer.Excluded)
        {
            return await SkipAsync(message, customer is null ? CreateTaskReasons.UnknownCustomer : CreateTaskReasons.CustomerExcluded, cancellationToken).ConfigureAwait(false);
        }

        var invoices = await accounts.GetInvoicesAsync(action.CustomerId, cancellationToken).ConfigureAwait(false);
        var (live, skipReason) = LiveInvoices(action, invoices, Today, policies.Current);
        if (live.Count == 0)
        {
            return await SkipAsync(message, skipReason!, cancellationToken).ConfigureAwait(false);
        }

        var draft = Draft(message.Shard, action, customer, live);
        var (write, task) = await _writer.WriteAsync(draft, ct => AssignAsync(action, customer, ct), invoices, cancellationToken).ConfigureAwait(false);
        await actions.MarkAsync(message.Shard, action.ActionId, ActionStatus.Sent, null, cancellationToken).ConfigureAwait(false);
        LogHandled(action.ActionId, write, task.TaskId, task.Assignee);
        var outcome = write switch
        {
            TaskWrite.Created => CreateTaskOutcome.Created,
            TaskWrite.Merged => CreateTaskOutcome.Merged,
            _ => CreateTaskOutcome.AlreadyDone,
        };
        return new CreateTaskResult(outcome, task.TaskId);
    }

    /// <summary>The customer's slot for the action: the collector task for calls and letters, kind and assignee otherwise.</summary>
    public static string SlotOf(TaskAction action) => action.Kind is ActionKind.Call or ActionKind.Letter
        ? TaskSlots.Collector
        : TaskSlots.Internal(KindOf(action.Kind), AssigneeOf(action));

    private DateOnly Today => clock.Today;

    private static TaskKind KindOf(ActionKind kind) => kind switch
    {
        ActionKind.Call => TaskKind.Call,
        ActionKind.Letter => TaskKind.Letter,
        ActionKind.Escalation => TaskKind.Escalation,
        ActionKind.Agency => TaskKind.Agency,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Emails are not tasks."),
    };

    private static string AssigneeOf(TaskAction action) =>
        string.IsNullOrWhiteSpace(action.AssignTo) ? DunningPlanner.UnassignedOwner : action.AssignTo;

    private Task<string> AssignAsync(TaskAction action, Customer customer, CancellationToken cancellationToken) =>
        action.Kind is ActionKind.Call or ActionKind.Letter
            ? assigner.AssignCollectorAsync(customer, cancellationToken)
            : Task.FromResult(AssigneeOf(action));

    /// <summary>The action's invoices still to chase today, or none and why.</summary>
    internal static (IReadOnlyList<Invoice> Live, string? Reason) LiveInvoices(TaskAction action, IReadOnlyList<Invoice> invoices, DateOnly today, CollectionPolicy policy)
    {
        var named = action.Invoices.ToHashSet(StringComparer.Ordinal);
        var open = invoices.Where(i => named.Contains(i.Id.Value) && i.IsCollectible).ToArray();
        var live = open.Where(i => !IsPaused(i, today, policy.Promises.GraceDays)).ToArray();
        var reason = live.Length > 0 ? null : open.Length == 0 ? CreateTaskReasons.InvoicesClosed : CreateTaskReasons.InvoicesPaused;
        return (live, reason);
    }

    /// <summary>As the planner pauses an invoice: an open dispute or a promise not yet past its grace days.</summary>
    internal static bool IsPaused(Invoice invoice, DateOnly today, int graceDays) =>
        invoice.Dispute?.IsOpenOn(today) == true
        || (invoice.Promise is { } promise && promise.MadeOn <= today && today <= promise.Date.AddDays(graceDays));

    private TaskDraft Draft(int shard, TaskAction action, Customer customer, IReadOnlyList<Invoice> live)
    {
        var liveIds = live.Select(i => i.Id.Value).ToHashSet(StringComparer.Ordinal);
        var steps = action.Steps.Select(s => s.Split(EntityKey.Separator)).Where(p => p.Length == 3 && liveIds.Contains(p[0])).Select(p => p[2]).Distinct(StringComparer.Ordinal).ToArray();
        var kind = KindOf(action.Kind);
        var reachesCustomer = kind is TaskKind.Call or TaskKind.Letter;
        return new TaskDraft(
            shard, customer.Id, customer.Name, kind, SlotOf(action), action.ActionId,
            live.Select(i => i.Id.Value).ToArray(), steps, Today,
            Contact: reachesCustomer ? SuggestContact(customer, action, policies.Current.Contact.FallbackOrder) : null,
            Template: action.Template);
    }

    /// <summary>
    /// The person to call: the contact the planner chose when it has a phone, else the step's role (and the policy's
    /// fallback roles) among the contacts with a phone; for a letter without any phone, the planner's contact.
    /// </summary>
    internal static TaskContact? SuggestContact(Customer customer, TaskAction action, IReadOnlyList<ContactRole> fallbackOrder)
    {
        var contacts = customer.Contacts;
        var chosen = contacts.FirstOrDefault(c => c.Name == action.ContactName && c.Role == action.ContactRole && c.CanCall)
            ?? ContactChooser.Choose(contacts, action.ContactRole, ActionKind.Call, fallbackOrder)
            ?? contacts.FirstOrDefault(c => c.Name == action.ContactName && c.Role == action.ContactRole);
        return chosen is null
            ? null
            : new TaskContact(chosen.Name, KebabName<ContactRole>.Format(chosen.Role), chosen.Phone, chosen.Email, chosen.PreferredTime);
    }

    private async Task<CreateTaskResult> SkipAsync(ActionMessage message, string reason, CancellationToken cancellationToken)
    {
        await actions.MarkAsync(message.Shard, message.ActionId, ActionStatus.Skipped, reason, cancellationToken).ConfigureAwait(false);
        LogSkipped(message.ActionId, reason);
        return new CreateTaskResult(CreateTaskOutcome.Skipped, Reason: reason);
    }

    [LoggerMessage(LogLevel.Warning, "Task message for action {ActionId} cannot be handled: {Reason}")]
    private partial void LogMalformed(string actionId, string reason);

    [LoggerMessage(LogLevel.Information, "Action {ActionId} was claimed by another delivery; checking again in {CheckAfter}")]
    private partial void LogClaimLost(string actionId, TimeSpan checkAfter);

    [LoggerMessage(LogLevel.Information, "Action {ActionId} skipped: {Reason}")]
    private partial void LogSkipped(string actionId, string reason);

    [LoggerMessage(LogLevel.Information, "Action {ActionId}: {Write} task {TaskId} for {Assignee}")]
    private partial void LogHandled(string actionId, TaskWrite write, string taskId, string assignee);
}
