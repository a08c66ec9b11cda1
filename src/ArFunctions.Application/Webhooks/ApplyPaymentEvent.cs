using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Webhooks;

/// <summary>What the <c>ar-payments</c> handler did with a message.</summary>
public enum ApplyOutcome
{
    Applied,

    /// <summary>The event was applied before (a duplicate message or a retry after success): nothing changed.</summary>
    AlreadyApplied,

    /// <summary>A refund whose payment is not applied yet; the payment re-queues it once applied.</summary>
    Parked,

    /// <summary>The message names no stored event (or an ignored one): nothing to do.</summary>
    NotFound,
}

/// <summary>
/// Handles a message of the <c>ar-payments</c> queue: applies the stored event it names, idempotently by event id
/// (status Applied) and, inside, by payment (one <see cref="PaymentState"/> decides each event's plan once).
/// Storage failures throw, so the queue retries; every step is safe to repeat.
/// </summary>
public sealed partial class ApplyPaymentEvent(IWebhookEventStore events, PaymentApplier applier, ILogger<ApplyPaymentEvent> logger)
{
    public async Task<ApplyOutcome> HandleAsync(PaymentEventMessage message, CancellationToken cancellationToken)
    {
        var record = await events.GetAsync(message.Source, message.EventId, cancellationToken).ConfigureAwait(false);
        if (record?.Event is not { } payment)
        {
            return ApplyOutcome.NotFound;
        }

        if (record.Status == WebhookEventStatus.Applied)
        {
            return ApplyOutcome.AlreadyApplied;
        }

        var parked = !await applier.ApplyAsync(payment, cancellationToken).ConfigureAwait(false);
        var status = parked ? WebhookEventStatus.Parked : WebhookEventStatus.Applied;
        await events.SetStatusAsync(message.Source, message.EventId, status, cancellationToken).ConfigureAwait(false);
        LogHandled(logger, message.EventId, message.Source, status);
        return parked ? ApplyOutcome.Parked : ApplyOutcome.Applied;
    }

    [LoggerMessage(EventId = 611, Level = LogLevel.Information, Message = "Payment event {EventId} from {Source} is now {Status}")]
    private static partial void LogHandled(ILogger logger, string eventId, string source, WebhookEventStatus status);
}
