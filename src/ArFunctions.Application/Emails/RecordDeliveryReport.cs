using ArFunctions.Application.Contacts;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Emails;

/// <summary>What recording one delivery report came to.</summary>
public enum DeliveryReportOutcome
{
    /// <summary>The report is now the action's delivery status.</summary>
    Recorded,

    /// <summary>A duplicate, or older than the report the action already holds: nothing changed.</summary>
    Unchanged,

    /// <summary>No email we sent has this message id (sent by another system, or before reports were kept): nothing changed.</summary>
    UnknownMessage,
}

/// <summary>
/// Records a delivery report on the email action that sent it. Reports arrive at least once and in any order, so the
/// action keeps the report with the latest attempt time and a repeat changes nothing (<see cref="IDeliveryReportStore.TryRecordAsync"/>).
/// A Bounced, Suppressed or Delivered report then goes to the contact behind the recipient (<see cref="BouncedContacts"/>),
/// which keeps its own latest report, also when the action already held this one: a delivery that died between the two
/// writes is finished by the next.
/// </summary>
public sealed partial class RecordDeliveryReport(
    IDeliveryReportStore store, IActionOutcomeStore actions, BouncedContacts contacts, ILogger<RecordDeliveryReport> logger)
{
    public async Task<DeliveryReportOutcome> HandleAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        var action = await store.FindAsync(report.MessageId, cancellationToken).ConfigureAwait(false);
        if (action is null)
        {
            LogUnknown(logger, report.MessageId, report.Status);
            return DeliveryReportOutcome.UnknownMessage;
        }

        var recorded = await store.TryRecordAsync(action, report, cancellationToken).ConfigureAwait(false);
        if (recorded)
        {
            LogRecorded(logger, action.ActionId, report.Status, report.Details);
        }
        else
        {
            LogUnchanged(logger, action.ActionId, report.Status, report.AttemptedAt);
        }

        if (BouncedContacts.SaysSomethingOfAddress(report.Status)
            && await actions.GetAsync(action.Shard, action.ActionId, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            await contacts.ApplyAsync(action.Shard, stored.CustomerId, action.ActionId, report, cancellationToken).ConfigureAwait(false);
        }

        return recorded ? DeliveryReportOutcome.Recorded : DeliveryReportOutcome.Unchanged;
    }

    [LoggerMessage(EventId = 421, Level = LogLevel.Warning, Message = "Delivery report for unknown message {MessageId} ({Status}); nothing recorded")]
    private static partial void LogUnknown(ILogger logger, string messageId, DeliveryStatus status);

    [LoggerMessage(EventId = 422, Level = LogLevel.Information, Message = "Delivery report {Status} at {AttemptedAt} for email action {ActionId} is a duplicate or older than the one recorded; nothing changed")]
    private static partial void LogUnchanged(ILogger logger, string actionId, DeliveryStatus status, DateTimeOffset attemptedAt);

    [LoggerMessage(EventId = 423, Level = LogLevel.Information, Message = "Email action {ActionId} delivery: {Status} {Details}")]
    private static partial void LogRecorded(ILogger logger, string actionId, DeliveryStatus status, string? details);
}
