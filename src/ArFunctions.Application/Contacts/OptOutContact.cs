using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Contacts;

/// <summary>
/// A contact's request to receive no more email reminders. <see cref="ContactKey"/> names the contact by its email
/// address (<see cref="ContactKeys.Of"/>); <see cref="Source"/> is <c>portal</c> or the person who recorded it
/// (<c>Caller.AuditName</c>).
/// </summary>
public sealed record OptOutRequest(CustomerId CustomerId, string ContactKey, string Source);

/// <summary>What an opt-out came to.</summary>
public enum OptOutOutcome
{
    /// <summary>Recorded now, with an interaction.</summary>
    OptedOut,

    /// <summary>The contact had already opted out: nothing changed.</summary>
    AlreadyOptedOut,

    /// <summary>No such customer: nothing changed.</summary>
    UnknownCustomer,

    /// <summary>The customer has no contact with an email address of that key: nothing changed.</summary>
    UnknownContact,

    /// <summary>The source is empty: nothing changed.</summary>
    InvalidSource,
}

/// <summary>The outcome and the opt-out as stored (the earlier one when the contact had already opted out).</summary>
public sealed record OptOutResult(OptOutOutcome Outcome, ContactOptOut? OptOut = null);

/// <summary>
/// Opts a contact out of email reminders. Idempotent: a repeat keeps the first opt-out and records nothing more. The
/// planner honours it from its next run (the email goes to the next usable contact or channel, docs/planner.md), and
/// SendEmail before each send. Records an interaction (a note by <see cref="OptOutRequest.Source"/>).
/// </summary>
public sealed partial class OptOutContact(ITaskAccountStore accounts, IContactStateStore states, BusinessClock clock, ILogger<OptOutContact> logger)
{
    public async Task<OptOutResult> HandleAsync(OptOutRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Source))
        {
            return new OptOutResult(OptOutOutcome.InvalidSource);
        }

        var customer = await accounts.GetCustomerAsync(request.CustomerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return new OptOutResult(OptOutOutcome.UnknownCustomer);
        }

        var contact = customer.Contacts.FirstOrDefault(c => c.Email is { } email && string.Equals(ContactKeys.Of(email), request.ContactKey, StringComparison.Ordinal));
        if (contact is null)
        {
            return new OptOutResult(OptOutOutcome.UnknownContact);
        }

        var optOut = new ContactOptOut(clock.UtcNow, request.Source.Trim());
        var written = await states.UpdateAsync(customer.Id, contact.Email!, s => s.OptedOut is null ? s with { OptedOut = optOut } : null, cancellationToken).ConfigureAwait(false);
        var stored = written?.OptedOut
            ?? (await states.GetAsync(customer.Id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Key == request.ContactKey)?.OptedOut
            ?? throw new InvalidOperationException($"Customer {customer.Id}: contact {request.ContactKey} is neither opted out nor stored.");

        // Recorded from the stored opt-out, also on a repeat: interactions are stored once by content, so a retry after a
        // crash between the two writes completes the first request instead of losing its interaction.
        var role = KebabName<ContactRole>.Format(contact.Role);
        await accounts.AddInteractionAsync(
            new Interaction(customer.Id, clock.DateOf(stored.At), InteractionKind.Note, InteractionOutcome.None, $"{contact.Name} ({role}) opted out of email reminders", stored.Source,
                stored.Source == Interaction.PortalSource ? Interaction.PortalSource : null),
            cancellationToken).ConfigureAwait(false);
        if (written is null)
        {
            return new OptOutResult(OptOutOutcome.AlreadyOptedOut, stored);
        }

        LogOptedOut(customer.Id.Value, request.ContactKey, stored.Source);
        return new OptOutResult(OptOutOutcome.OptedOut, stored);
    }

    [LoggerMessage(LogLevel.Information, "Customer {CustomerId}: contact {ContactKey} opted out of email reminders ({Source})")]
    private partial void LogOptedOut(string customerId, string contactKey, string source);
}
