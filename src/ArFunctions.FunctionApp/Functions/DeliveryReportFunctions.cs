using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>
/// Reads the ACS delivery reports the Event Grid subscription writes to <c>ar-delivery-reports</c> (see
/// docs/adr/0006-email-delivery-reports.md) and records each on the email action that sent it. Recording is
/// idempotent (the latest attempt wins), so redelivery is safe. A message that is not a delivery report goes to
/// poison at once and changes nothing; a storage failure throws, and the host delivers the message again.
/// </summary>
public sealed partial class DeliveryReportFunctions(RecordDeliveryReport record, PoisonQueue poison, ILogger<DeliveryReportFunctions> logger)
{
    [Function("RecordDeliveryReport")]
    public async Task RecordDeliveryReportAsync([QueueTrigger(QueueNames.DeliveryReportsTrigger)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        var (report, error) = DeliveryReportEvent.Parse(message);
        if (report is null)
        {
            await poison.SendAsync(QueueNames.DeliveryReports, message, cancellationToken).ConfigureAwait(false);
            LogPoisoned(logger, QueueDelivery.Of(context).MessageId, poison.NameOf(QueueNames.DeliveryReports), $"RecordDeliveryReport: {error}");
            return;
        }

        var outcome = await record.HandleAsync(report, cancellationToken).ConfigureAwait(false);
        LogHandled(logger, report.MessageId, report.Status, outcome);
    }

    [LoggerMessage(LogLevel.Information, "Delivery report {MessageId} ({Status}): {Outcome}")]
    private static partial void LogHandled(ILogger logger, string messageId, DeliveryStatus status, DeliveryReportOutcome outcome);

    [LoggerMessage(LogLevel.Error, "Message {MessageId} moved to {PoisonQueue}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string? messageId, string poisonQueue, string reason);
}
