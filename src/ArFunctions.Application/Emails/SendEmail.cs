using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Emails;

/// <summary>
/// Carries out one email action from <see cref="QueueNames.Emails"/>. Once only: an action already Sent, Skipped or
/// Failed is left alone, and the sender names the send after the action (ACS Operation-Id) as a second defence.
/// Just in time: the customer and invoices are read again, and invoices paid, disputed or promised since planning are
/// dropped. Every action it completes ends Sent, Skipped or Failed with a reason and a time.
/// </summary>
public sealed partial class SendEmail(
    IActionOutcomeStore actions,
    ICustomerAccountReader accounts,
    IInteractionRecorder interactions,
    IEmailRenderer renderer,
    IEmailSender sender,
    ISendRateGate rateGate,
    IMessageQueue queue,
    IPolicySource policies,
    BusinessClock clock,
    ILogger<SendEmail> logger)
{
    private static readonly string EmailKind = KebabName<ActionKind>.Format(ActionKind.Email);

    public async Task<SendEmailResult> HandleAsync(ActionMessage message, CancellationToken cancellationToken)
    {
        if (!string.Equals(message.Kind, EmailKind, StringComparison.Ordinal))
        {
            return new SendEmailResult.Malformed($"kind: '{message.Kind}' is not an email action");
        }

        var action = await actions.GetAsync(message.Shard, message.ActionId, cancellationToken).ConfigureAwait(false);
        if (action is null)
        {
            return new SendEmailResult.Malformed($"actionId: no action '{message.ActionId}' in shard {message.Shard}");
        }

        if (action.Status is ActionStatus.Sent or ActionStatus.Skipped or ActionStatus.Failed)
        {
            LogAlreadyDone(logger, action.ActionId, action.Status);
            return new SendEmailResult.AlreadyDone(action.Status);
        }

        if (action.Kind != ActionKind.Email || action.Template is null)
        {
            return await FailAsync(message, "the stored action is not an email with a template", cancellationToken).ConfigureAwait(false);
        }

        var prepared = await PrepareAsync(action, cancellationToken).ConfigureAwait(false);
        return prepared switch
        {
            (null, { } reason, true) => await FailAsync(message, reason, cancellationToken).ConfigureAwait(false),
            (null, { } reason, _) => await SkipAsync(message, reason, cancellationToken).ConfigureAwait(false),
            _ => await SendAsync(message, action, prepared.Email!, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The email to send after the just-in-time re-check, or why none is sent (a skip, or a failure when <c>Fails</c>).</summary>
    private async Task<(OutgoingEmail? Email, string? Reason, bool Fails)> PrepareAsync(StoredActionView action, CancellationToken cancellationToken)
    {
        var account = await accounts.GetAsync(action.CustomerId, action.Invoices, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return (null, "the customer no longer exists", false);
        }

        if (account.Customer.Excluded)
        {
            return (null, "the customer is excluded from collections", false);
        }

        var today = Today(action.AsOf);
        var (chase, dropped) = EmailInvoiceFilter.Split(account.Invoices, today, policies.Current.Promises.GraceDays);
        if (chase.Count == 0)
        {
            return (null, "no invoice left to chase: " + (dropped.Length == 0 ? "none of the action's invoices is stored" : dropped), false);
        }

        var contact = ContactChooser.Choose(account.Customer.Contacts, action.ContactRole, ActionKind.Email, policies.Current.Contact.FallbackOrder);
        if (contact?.Email is not { } address)
        {
            return (null, "no contact with an email address", false);
        }

        var content = EmailContentBuilder.Build(account.Customer, contact, chase, today);
        var rendered = renderer.Render(action.Template!, content);
        return rendered is null
            ? (null, $"template '{action.Template}' is not shipped", true)
            : (new OutgoingEmail(action.ActionId, address, contact.Name, rendered), null, false);
    }

    private async Task<SendEmailResult> SendAsync(ActionMessage message, StoredActionView action, OutgoingEmail email, CancellationToken cancellationToken)
    {
        if (rateGate.TryAcquire() is { } wait)
        {
            return await DeferAsync(message, wait, cancellationToken).ConfigureAwait(false);
        }

        var result = await sender.SendAsync(email, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case EmailSendResult.Sent sent:
                var now = clock.UtcNow;
                await interactions.RecordAsync(
                    new Interaction(action.CustomerId, clock.DateOf(now), InteractionKind.Email, InteractionOutcome.Sent, $"{action.Template} ({action.ActionId})"),
                    cancellationToken).ConfigureAwait(false);
                await actions.CompleteAsync(message.Shard, message.ActionId, new ActionOutcome(ActionStatus.Sent, null, now), cancellationToken).ConfigureAwait(false);
                LogSent(logger, action.ActionId, action.CustomerId.Value, action.Template);
                return new SendEmailResult.Sent(sent.MessageId);
            case EmailSendResult.Throttled throttled:
                return await DeferAsync(message, throttled.RetryAfter, cancellationToken).ConfigureAwait(false);
            case EmailSendResult.Failed { Retryable: true } failed:
                LogRetry(logger, action.ActionId, failed.Reason);
                return new SendEmailResult.Retry(failed.Reason);
            case EmailSendResult.Failed failed:
                return await FailAsync(message, failed.Reason, cancellationToken).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    private async Task<SendEmailResult> DeferAsync(ActionMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        await queue.SendAsync(QueueNames.Emails, message, delay, cancellationToken).ConfigureAwait(false);
        LogDeferred(logger, message.ActionId, delay);
        return new SendEmailResult.Deferred(delay);
    }

    private async Task<SendEmailResult> SkipAsync(ActionMessage message, string reason, CancellationToken cancellationToken)
    {
        await actions.CompleteAsync(message.Shard, message.ActionId, new ActionOutcome(ActionStatus.Skipped, reason, clock.UtcNow), cancellationToken).ConfigureAwait(false);
        LogSkipped(logger, message.ActionId, reason);
        return new SendEmailResult.Skipped(reason);
    }

    private async Task<SendEmailResult> FailAsync(ActionMessage message, string reason, CancellationToken cancellationToken)
    {
        await actions.CompleteAsync(message.Shard, message.ActionId, new ActionOutcome(ActionStatus.Failed, reason, clock.UtcNow), cancellationToken).ConfigureAwait(false);
        LogFailed(logger, message.ActionId, reason);
        return new SendEmailResult.Failed(reason);
    }

    /// <summary>Today, never before the planned day (a clock behind the plan must not revive paused invoices).</summary>
    private DateOnly Today(DateOnly asOf)
    {
        var today = clock.Today;
        return today > asOf ? today : asOf;
    }

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Email action {ActionId} is already {Status}; nothing sent")]
    private static partial void LogAlreadyDone(ILogger logger, string actionId, ActionStatus status);

    [LoggerMessage(EventId = 402, Level = LogLevel.Information, Message = "Sent email action {ActionId} to customer {CustomerId} with template {Template}")]
    private static partial void LogSent(ILogger logger, string actionId, string customerId, string? template);

    [LoggerMessage(EventId = 403, Level = LogLevel.Information, Message = "Deferred email action {ActionId} by {Delay}")]
    private static partial void LogDeferred(ILogger logger, string actionId, TimeSpan delay);

    [LoggerMessage(EventId = 404, Level = LogLevel.Information, Message = "Skipped email action {ActionId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string actionId, string reason);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Email action {ActionId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string actionId, string reason);

    [LoggerMessage(EventId = 406, Level = LogLevel.Warning, Message = "Email action {ActionId} will be retried: {Reason}")]
    private static partial void LogRetry(ILogger logger, string actionId, string reason);
}
