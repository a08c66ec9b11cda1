using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Telemetry;
using ArFunctions.Application.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>
/// The queue functions that carry out what the run planned and what processors reported: emails, collector tasks,
/// payments. Each use case is once-only by itself (stored status, task slots, event ids), so the host's at-least-once
/// delivery is safe. A message that can never succeed goes to poison at once; a transient failure throws, and the
/// host delivers the message again.
/// </summary>
public sealed partial class ActionFunctions(SendEmail sendEmail, CreateCallTask createCallTask, ApplyPaymentEvent applyPayment, PoisonQueue poison, ILogger<ActionFunctions> logger)
{
    [Function("SendEmail")]
    public async Task SendEmailAsync([QueueTrigger(QueueNames.EmailsTrigger)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        if (Read<ActionMessage>(message, out var action, out var error))
        {
            await PoisonAsync(QueueNames.Emails, message, $"SendEmail: {error}", context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await sendEmail.HandleAsync(action, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case SendEmailResult.Sent sent:
                ArFunctionsMetrics.EmailsSent.Add(1);
                LogSent(logger, action.ActionId, sent.MessageId);
                break;
            case SendEmailResult.Skipped skipped:
                LogSkipped(logger, "email", action.ActionId, skipped.Reason);
                break;
            case SendEmailResult.AlreadyDone done:
                LogAlreadyDone(logger, "email", action.ActionId, done.Status.ToString().ToLowerInvariant(), QueueDelivery.Of(context).DequeueCount);
                break;
            case SendEmailResult.InProgress held:
                // Another delivery holds the claim; a check is queued for when it lapses.
                LogInProgress(logger, action.ActionId, held.CheckAfter.TotalSeconds);
                break;
            case SendEmailResult.Deferred deferred:
                // Already re-queued with the delay: this delivery ends without spending a dequeue.
                LogDeferred(logger, action.ActionId, deferred.Delay.TotalSeconds);
                break;
            case SendEmailResult.Failed failed:
                LogFailed(logger, action.ActionId, failed.Reason);
                break;
        }

        await SettleAsync(QueueNames.Emails, message, DeliveryOutcome.Of(result), context, cancellationToken).ConfigureAwait(false);
    }

    [Function("CreateCallTask")]
    public async Task CreateCallTaskAsync([QueueTrigger(QueueNames.TasksTrigger)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        if (Read<ActionMessage>(message, out var action, out var error))
        {
            await PoisonAsync(QueueNames.Tasks, message, $"CreateCallTask: {error}", context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await createCallTask.HandleAsync(action, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case CreateTaskOutcome.Created or CreateTaskOutcome.Merged:
                ArFunctionsMetrics.CallsCreated.Add(1, new KeyValuePair<string, object?>("kind", action.Kind));
                LogTask(logger, result.Outcome.ToString(), result.TaskId, action.Kind, action.ActionId);
                break;
            case CreateTaskOutcome.AlreadyDone:
                LogAlreadyDone(logger, action.Kind, action.ActionId, "in task " + result.TaskId, QueueDelivery.Of(context).DequeueCount);
                break;
            case CreateTaskOutcome.Skipped:
                LogSkipped(logger, action.Kind, action.ActionId, result.Reason ?? "skipped");
                break;
            case CreateTaskOutcome.InProgress:
                LogAlreadyDone(logger, action.Kind, action.ActionId, "claimed by another delivery", QueueDelivery.Of(context).DequeueCount);
                break;
        }

        await SettleAsync(QueueNames.Tasks, message, DeliveryOutcome.Of(result), context, cancellationToken).ConfigureAwait(false);
    }

    [Function("ApplyPayment")]
    public async Task ApplyPaymentAsync([QueueTrigger(QueueNames.PaymentsTrigger)] string message, FunctionContext context, CancellationToken cancellationToken)
    {
        if (Read<PaymentEventMessage>(message, out var payment, out var error))
        {
            await PoisonAsync(QueueNames.Payments, message, $"ApplyPayment: {error}", context, cancellationToken).ConfigureAwait(false);
            return;
        }

        var outcome = await applyPayment.HandleAsync(payment, cancellationToken).ConfigureAwait(false);
        if (outcome != ApplyOutcome.NotFound)
        {
            LogApplied(logger, outcome.ToString(), payment.Source, payment.EventId);
        }

        await SettleAsync(QueueNames.Payments, message, DeliveryOutcome.Of(outcome, payment), context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Carries out the verdict on a handled message: nothing more (the host deletes it), poison, or a retry.</summary>
    private async Task SettleAsync(string queueName, string message, DeliveryOutcome outcome, FunctionContext context, CancellationToken cancellationToken)
    {
        switch (outcome.Verdict)
        {
            case DeliveryVerdict.Poison:
                await PoisonAsync(queueName, message, outcome.Reason!, context, cancellationToken).ConfigureAwait(false);
                break;
            case DeliveryVerdict.Retry:
                throw new RetryLaterException($"Will retry: {outcome.Reason}");
        }
    }

    /// <summary>True when the message is malformed (the caller poisons it); otherwise <paramref name="message"/> is set.</summary>
    private static bool Read<T>(string text, out T message, out string? error)
        where T : class
    {
        (var read, error) = QueueMessageReader.Read<T>(text);
        message = read!;
        return read is null;
    }

    private async Task PoisonAsync(string queueName, string message, string reason, FunctionContext context, CancellationToken cancellationToken)
    {
        await poison.SendAsync(queueName, message, cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, QueueDelivery.Of(context).MessageId, poison.NameOf(queueName), reason);
    }

    [LoggerMessage(LogLevel.Information, "Sent email {ActionId} as {MessageId}")]
    private static partial void LogSent(ILogger logger, string actionId, string messageId);

    [LoggerMessage(LogLevel.Information, "Skipped {Kind} {ActionId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string kind, string actionId, string reason);

    [LoggerMessage(LogLevel.Information, "Nothing to do for {Kind} {ActionId}: already {Status} (delivery {DequeueCount})")]
    private static partial void LogAlreadyDone(ILogger logger, string kind, string actionId, string status, int dequeueCount);

    [LoggerMessage(LogLevel.Information, "Deferred email {ActionId} by {Seconds:0}s (send rate or ACS throttling)")]
    private static partial void LogDeferred(ILogger logger, string actionId, double seconds);

    [LoggerMessage(LogLevel.Information, "Email {ActionId} is being sent by another delivery; checking again in {Seconds:0}s")]
    private static partial void LogInProgress(ILogger logger, string actionId, double seconds);

    [LoggerMessage(LogLevel.Warning, "Failed email {ActionId}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string actionId, string reason);

    [LoggerMessage(LogLevel.Information, "{Outcome} task {TaskId} for {Kind} {ActionId}")]
    private static partial void LogTask(ILogger logger, string outcome, string? taskId, string kind, string actionId);

    [LoggerMessage(LogLevel.Information, "{Outcome} {Source} event {EventId}")]
    private static partial void LogApplied(ILogger logger, string outcome, string source, string eventId);

    [LoggerMessage(LogLevel.Error, "Message {MessageId} moved to {PoisonQueue}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string? messageId, string poisonQueue, string reason);
}
