using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Emails;

/// <summary>
/// Carries out one email action from <see cref="QueueNames.Emails"/>. Claim, then act: the stored action moves
/// Queued -> Sending with a write conditional on the version read, and only the delivery that wins sends; the others
/// do nothing but queue a check for when the claim lapses (<see cref="ActionClaim.Lease"/>). A delivery that finds a
/// lapsed claim (its holder crashed or gave up) takes it over the same way, asks the sender whether the send already
/// arrived (ACS: GET the operation) and sends only when it did not. Every send of one action carries the same
/// repeatability id and first-attempt time. Just in time: the customer and invoices are read again, and invoices paid,
/// disputed or promised since planning are dropped, and so are invoices past due by
/// now in a reminder planned before they were due (<see cref="EmailInvoiceFilter"/>); the email renders as of the send
/// date, in the customer's locale (policy <c>locale</c>), with the whole account's totals. Every action it completes ends Sent, Skipped or Failed with a
/// reason and a time, each a guarded forward move (<see cref="ActionStatusOrder"/>).
/// </summary>
public sealed partial class SendEmail(
    IActionOutcomeStore actions,
    IDeliveryReportStore deliveries,
    ICustomerAccountReader accounts,
    IInteractionRecorder interactions,
    IEmailRenderer renderer,
    IEmailSender sender,
    ISendRateGate rateGate,
    IMessageQueue queue,
    IPolicySource policies,
    Statements.CustomerStatement statements,
    Portal.PortalLinks portalLinks,
    BusinessClock clock,
    ILogger<SendEmail> logger)
{
    /// <summary>
    /// A take-over keeps the first attempt's time only this long: ACS remembers a Repeatability-Request-ID for 5 minutes
    /// and refuses an older Repeatability-First-Sent (412); past it, the operation GET alone guards the resend.
    /// </summary>
    public static readonly TimeSpan RepeatabilityWindow = TimeSpan.FromMinutes(4);

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

        if (ActionStatusOrder.IsFinal(action.Status))
        {
            LogAlreadyDone(logger, action.ActionId, action.Status);
            return new SendEmailResult.AlreadyDone(action.Status);
        }

        if (action.Kind != ActionKind.Email || action.Template is null)
        {
            return await FailAsync(message, "the stored action is not an email with a template", cancellationToken).ConfigureAwait(false);
        }

        var (claim, instead) = await ClaimAsync(message, action, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return instead!;
        }

        if (action.Status == ActionStatus.Sending && await RecoverAsync(message, action, claim, cancellationToken).ConfigureAwait(false) is { } recovered)
        {
            return recovered;
        }

        var prepared = await PrepareAsync(action, claim, cancellationToken).ConfigureAwait(false);
        return prepared switch
        {
            (null, { } reason, true) => await FailAsync(message, reason, cancellationToken).ConfigureAwait(false),
            (null, { } reason, _) => await SkipAsync(message, reason, cancellationToken).ConfigureAwait(false),
            _ => await SendAsync(message, action, claim, prepared.Email!, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// The claim this delivery took, or what it did instead: leave a live claim alone (and look again when it lapses),
    /// or defer for the send rate before claiming anything.
    /// </summary>
    private async Task<(ActionClaim? Claim, SendEmailResult? Instead)> ClaimAsync(ActionMessage message, StoredActionView action, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        if (action.Claim is { } held && held.IsLiveAt(now))
        {
            return (null, await HeldElsewhereAsync(message, held, now, cancellationToken).ConfigureAwait(false));
        }

        if (rateGate.TryAcquire() is { } wait)
        {
            return (null, await DeferAsync(message, wait, cancellationToken).ConfigureAwait(false));
        }

        var claim = ClaimFor(action, now);
        return await actions.TryClaimAsync(message.Shard, action, claim, cancellationToken).ConfigureAwait(false)
            ? (claim, null)
            : (null, await HeldElsewhereAsync(message, claim, now, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A fresh claim, or a take-over of a lapsed one that keeps the first attempt's time while ACS still remembers it.</summary>
    private static ActionClaim ClaimFor(StoredActionView action, DateTimeOffset now) =>
        action.Claim is { } lapsed && now - lapsed.FirstAttemptAt < RepeatabilityWindow
            ? new ActionClaim(now, lapsed.FirstAttemptAt)
            : new ActionClaim(now, now);

    /// <summary>
    /// After a take-over: what the sender knows of the earlier holder's send. Null when it never arrived (send now);
    /// otherwise the action is finished from the sender's answer, or left for a later delivery when there is none.
    /// </summary>
    private async Task<SendEmailResult?> RecoverAsync(ActionMessage message, StoredActionView action, ActionClaim claim, CancellationToken cancellationToken)
    {
        var receipt = await sender.CheckAsync(action.ActionId, cancellationToken).ConfigureAwait(false);
        LogRecovering(logger, action.ActionId, receipt.GetType().Name);
        return receipt switch
        {
            EmailReceipt.NotReceived => null,
            EmailReceipt.Received received => await CompleteSentAsync(message, action, claim, received.MessageId, cancellationToken).ConfigureAwait(false),
            EmailReceipt.Failed failed => await FailAsync(message, failed.Reason, cancellationToken).ConfigureAwait(false),
            EmailReceipt.Unknown unknown => new SendEmailResult.Retry(unknown.Reason),
            _ => throw new InvalidOperationException($"Unknown receipt {receipt.GetType().Name}."),
        };
    }

    /// <summary>Another delivery holds the claim: do nothing now, and look again once it lapses (in case its holder died).</summary>
    private async Task<SendEmailResult> HeldElsewhereAsync(ActionMessage message, ActionClaim held, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var left = held.ClaimedAt + ActionClaim.Lease - now;
        var checkAfter = (left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromSeconds(1);
        await queue.SendAsync(QueueNames.Emails, message, checkAfter, cancellationToken).ConfigureAwait(false);
        LogHeldElsewhere(logger, message.ActionId, checkAfter);
        return new SendEmailResult.InProgress(checkAfter);
    }

    /// <summary>The email to send after the just-in-time re-check, or why none is sent (a skip, or a failure when <c>Fails</c>).</summary>
    private async Task<(OutgoingEmail? Email, string? Reason, bool Fails)> PrepareAsync(StoredActionView action, ActionClaim claim, CancellationToken cancellationToken)
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
        var policy = policies.Current;
        var (chase, dropped) = EmailInvoiceFilter.Split(account.Invoices, action.AsOf, today, policy.Promises.GraceDays);
        if (chase.Count == 0)
        {
            return (null, "no invoice left to chase: " + (dropped.Length == 0 ? "none of the action's invoices is stored" : dropped), false);
        }

        // Just in time, as the planner does: an address that bounced or opted out since planning is not emailed.
        var contact = ContactChooser.Choose(account.Customer.Contacts, action.ContactRole, ActionKind.Email, policy.Contact.FallbackOrder, account.ContactStates);
        if (contact?.Email is not { } address)
        {
            var blocked = ContactChooser.WhyNoEmail(account.Customer.Contacts, account.ContactStates);
            return (null, blocked is null ? "no contact with an email address" : "no contact takes email: " + blocked, false);
        }

        var content = EmailContentBuilder.Build(account.Customer, contact, chase, account.AllInvoices, today, policy.Locale.For(account.Customer.Country), account.Credits) with
        {
            // Every email carries a fresh personal link to the customer page when a portal is configured (docs/portal.md).
            PortalUrl = portalLinks.IsConfigured ? portalLinks.Issue(account.Customer.Id, address, policy.Portal.LinkDays).Url.AbsoluteUri : null,
        };
        var rendered = renderer.Render(action.Template!, content);
        if (rendered is null)
        {
            return (null, $"template '{action.Template}' is not shipped", true);
        }

        var email = new OutgoingEmail(action.ActionId, address, contact.Name, rendered, claim.FirstAttemptAt);
        return policy.Emails.AttachStatement.Contains(action.Template!)
            ? (email with { Attachments = await StatementAsync(action.CustomerId, today, cancellationToken).ConfigureAwait(false) }, null, false)
            : (email, null, false);
    }

    /// <summary>The customer's statement as of the send date as a PDF attachment (none when the customer is gone by now).</summary>
    private async Task<IReadOnlyList<EmailAttachment>> StatementAsync(CustomerId customerId, DateOnly today, CancellationToken cancellationToken)
    {
        var statement = await statements.RenderAsync(customerId.Value, today, KebabName<Statements.StatementFormat>.Format(Statements.StatementFormat.Pdf), cancellationToken).ConfigureAwait(false);
        return statement.Value is { } pdf ? [new EmailAttachment(pdf.FileName, pdf.ContentType, pdf.Content)] : [];
    }

    private async Task<SendEmailResult> SendAsync(ActionMessage message, StoredActionView action, ActionClaim claim, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var result = await sender.SendAsync(email, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case EmailSendResult.Sent sent:
                return await CompleteSentAsync(message, action, claim, sent.MessageId, cancellationToken).ConfigureAwait(false);
            case EmailSendResult.Throttled throttled:
                // The claim stays: the deferred delivery takes it over once lapsed and asks the sender before sending.
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

    /// <summary>
    /// The interaction first, dated by the first attempt so a recovery writes the same one (interactions are keyed by
    /// content), and the service's message id (for its delivery reports), then Sent: a crash before Sent is finished
    /// by the next delivery without sending.
    /// </summary>
    private async Task<SendEmailResult> CompleteSentAsync(ActionMessage message, StoredActionView action, ActionClaim claim, string messageId, CancellationToken cancellationToken)
    {
        await deliveries.RememberSendAsync(messageId, new SentEmailRef(message.Shard, action.ActionId), cancellationToken).ConfigureAwait(false);
        await interactions.RecordAsync(
            new Interaction(action.CustomerId, clock.DateOf(claim.FirstAttemptAt), InteractionKind.Email, InteractionOutcome.Sent, $"{action.Template} ({action.ActionId})"),
            cancellationToken).ConfigureAwait(false);
        await actions.CompleteAsync(message.Shard, message.ActionId, new ActionOutcome(ActionStatus.Sent, null, clock.UtcNow), cancellationToken).ConfigureAwait(false);
        LogSent(logger, action.ActionId, action.CustomerId.Value, action.Template);
        return new SendEmailResult.Sent(messageId);
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

    [LoggerMessage(EventId = 407, Level = LogLevel.Information, Message = "Email action {ActionId} is claimed by another delivery; checking again in {CheckAfter}")]
    private static partial void LogHeldElsewhere(ILogger logger, string actionId, TimeSpan checkAfter);

    [LoggerMessage(EventId = 408, Level = LogLevel.Warning, Message = "Email action {ActionId} was taken over from a lapsed claim; the sender answered {Receipt}")]
    private static partial void LogRecovering(ILogger logger, string actionId, string receipt);
}
