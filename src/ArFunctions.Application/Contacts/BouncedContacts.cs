using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Contacts;

/// <summary>What a delivery report did to the state of the address it names.</summary>
public enum ContactReportEffect
{
    /// <summary>Nothing: a status that says nothing of the address, a repeat, or a report older than the latest applied.</summary>
    None,

    /// <summary>The address is now unusable, and the customer's collector has a "fix the contact" task.</summary>
    MarkedUnusable,

    /// <summary>A newer report of the same kind on an address already unusable: its time is kept, the first mark stays.</summary>
    StillUnusable,

    /// <summary>A delivery newer than the unusable mark: the address takes mail again.</summary>
    Cleared,

    /// <summary>A delivery on a usable address: its time is kept, so an older bounce arriving later changes nothing.</summary>
    StillUsable,
}

/// <summary>
/// What a delivery report means for the contact behind its recipient (<see cref="ContactState.AfterReport"/>): a
/// <c>Bounced</c> or <c>Suppressed</c> report marks the address unusable, a later <c>Delivered</c> clears it; the other
/// statuses (Failed, Quarantined, FilteredSpam) say nothing of the address and change nothing. Becoming unusable raises
/// one "fix the contact" task for the customer's collector (<see cref="TaskAssigner"/>), noted on the state once
/// written: a repeated report, or one redelivered after a crash between the two writes, finds the task and does not
/// write another.
/// </summary>
public sealed partial class BouncedContacts(
    IContactStateStore states, ITaskAccountStore accounts, ITaskStore tasks, TaskAssigner assigner, BusinessClock clock, ILogger<BouncedContacts> logger)
{
    private readonly TaskWriter _writer = new(tasks);

    public async Task<ContactReportEffect> ApplyAsync(int shard, CustomerId customerId, string actionId, DeliveryReport report, CancellationToken cancellationToken)
    {
        UnusableStatus? refused = report.Status switch
        {
            DeliveryStatus.Bounced => UnusableStatus.Bounced,
            DeliveryStatus.Suppressed => UnusableStatus.Suppressed,
            DeliveryStatus.Delivered => null,
            _ => throw new ArgumentOutOfRangeException(nameof(report), report.Status, "Only Delivered, Bounced and Suppressed say something of the address."),
        };
        var before = await StateAsync(customerId, report.Recipient, cancellationToken).ConfigureAwait(false);
        var written = await states.UpdateAsync(customerId, report.Recipient, s => s.AfterReport(refused, report.AttemptedAt, actionId, report.Details), cancellationToken).ConfigureAwait(false);
        var state = written ?? await StateAsync(customerId, report.Recipient, cancellationToken).ConfigureAwait(false);

        // This report's mark without its task: just written, or written by a delivery that died before the task.
        if (state?.Unusable is { } mark && mark.Report == actionId && mark.At == report.AttemptedAt && state.FixTaskId is null)
        {
            await RaiseTaskAsync(shard, customerId, actionId, state, cancellationToken).ConfigureAwait(false);
            return ContactReportEffect.MarkedUnusable;
        }

        return written is null ? ContactReportEffect.None
            : written.Unusable is not null ? ContactReportEffect.StillUnusable
            : before?.Unusable is not null ? ContactReportEffect.Cleared
            : ContactReportEffect.StillUsable;
    }

    public static bool SaysSomethingOfAddress(DeliveryStatus status) =>
        status is DeliveryStatus.Delivered or DeliveryStatus.Bounced or DeliveryStatus.Suppressed;

    private async Task<ContactState?> StateAsync(CustomerId customerId, string address, CancellationToken cancellationToken)
    {
        var key = ContactKeys.Of(address);
        return (await states.GetAsync(customerId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Key == key);
    }

    private async Task RaiseTaskAsync(int shard, CustomerId customerId, string actionId, ContactState state, CancellationToken cancellationToken)
    {
        var customer = await accounts.GetCustomerAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            LogNoCustomer(customerId.Value, actionId);
            return;
        }

        var mark = state.Unusable!;
        var contact = customer.Contacts.FirstOrDefault(c => ContactKeys.Matches(c, state.Address));
        var who = contact is null ? "an address no contact has any more" : $"{contact.Name} ({KebabName<ContactRole>.Format(contact.Role)})";
        var status = KebabName<UnusableStatus>.Format(mark.Status);
        var note = $"The email to {who} at {state.Address} {status} on {clock.DateOf(mark.At):yyyy-MM-dd}"
            + (mark.Details is { Length: > 0 } details ? $" ({details})" : "")
            + ": fix the address in the customer data; reminders go to the next usable contact or channel meanwhile.";
        var draft = new TaskDraft(
            shard, customerId, customer.Name, TaskKind.FixContact, TaskSlots.FixContact, $"delivery:{actionId}:{state.Key}", [], [], clock.Today,
            Contact: contact is null ? null : new TaskContact(contact.Name, KebabName<ContactRole>.Format(contact.Role), contact.Phone, contact.Email, contact.PreferredTime),
            Note: note);
        var (_, task) = await _writer.WriteAsync(draft, ct => assigner.AssignCollectorAsync(customer, ct), [], cancellationToken).ConfigureAwait(false);
        await states.UpdateAsync(customerId, state.Address, s => s.Unusable?.Report == actionId && s.FixTaskId is null ? s with { FixTaskId = task.TaskId } : null, cancellationToken).ConfigureAwait(false);
        LogMarked(customerId.Value, state.Key, status, task.TaskId, task.Assignee);
    }

    [LoggerMessage(LogLevel.Information, "Customer {CustomerId}: contact {ContactKey} {Status}; fix-contact task {TaskId} for {Assignee}")]
    private partial void LogMarked(string customerId, string contactKey, string status, string taskId, string assignee);

    [LoggerMessage(LogLevel.Warning, "Customer {CustomerId} of email action {ActionId} is gone; no fix-contact task")]
    private partial void LogNoCustomer(string customerId, string actionId);
}
