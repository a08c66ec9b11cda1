using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Telemetry;
using ArFunctions.Application.Webhooks;
using ArFunctions.FunctionApp.Protocol;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>
/// The queue functions that carry out what the run planned and what processors reported: emails, collector tasks, payments.
/// Each use case is once-only by itself (stored status, task slots, event ids), so the host's at-least-once delivery is safe.
/// </summary>
internal static class ActionFunctions
{
    public static void MapActionFunctions(this IEndpointRouteBuilder app)
    {
        app.MapQueueFunction<ActionMessage>("SendEmail", QueueNames.Emails, SendEmailAsync);
        app.MapQueueFunction<ActionMessage>("CreateCallTask", QueueNames.Tasks, CreateCallTaskAsync);
        app.MapQueueFunction<PaymentEventMessage>("ApplyPayment", QueueNames.Payments, ApplyPaymentAsync);
    }

    private static async Task<FunctionResult> SendEmailAsync(ActionMessage message, QueueDelivery delivery, IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<SendEmail>().HandleAsync(message, cancellationToken).ConfigureAwait(false);
        var action = $"email {message.ActionId}";
        switch (result)
        {
            case SendEmailResult.Sent sent:
                ArFunctionsMetrics.EmailsSent.Add(1);
                return FunctionResult.Done($"Sent {action} as {sent.MessageId}");
            case SendEmailResult.Skipped skipped:
                return FunctionResult.Done($"Skipped {action}: {skipped.Reason}");
            case SendEmailResult.AlreadyDone done:
                return FunctionResult.Done($"Nothing to do for {action}: already {done.Status.ToString().ToLowerInvariant()} (delivery {delivery.DequeueCount})");
            case SendEmailResult.Deferred deferred:
                // Already re-queued with the delay: this delivery ends without spending a dequeue.
                return FunctionResult.Done($"Deferred {action} by {deferred.Delay.TotalSeconds:0}s (send rate or ACS throttling)");
            case SendEmailResult.Failed failed:
                return FunctionResult.Done($"Failed {action}: {failed.Reason}");
            case SendEmailResult.Malformed malformed:
                return await PoisonAsync(services, QueueNames.Emails, message, $"SendEmail: {malformed.Reason}", cancellationToken).ConfigureAwait(false);
            default:
                return FunctionResult.Retry($"Will retry {action}: {((SendEmailResult.Retry)result).Reason}");
        }
    }

    private static async Task<FunctionResult> CreateCallTaskAsync(ActionMessage message, QueueDelivery delivery, IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<CreateCallTask>().HandleAsync(message, cancellationToken).ConfigureAwait(false);
        var action = $"{message.Kind} {message.ActionId}";
        switch (result.Outcome)
        {
            case CreateTaskOutcome.Created or CreateTaskOutcome.Merged:
                ArFunctionsMetrics.CallsCreated.Add(1, new KeyValuePair<string, object?>("kind", message.Kind));
                return FunctionResult.Done($"{result.Outcome} task {result.TaskId} for {action}");
            case CreateTaskOutcome.AlreadyDone:
                return FunctionResult.Done($"Nothing to do for {action}: task {result.TaskId} has it (delivery {delivery.DequeueCount})");
            case CreateTaskOutcome.Skipped:
                return FunctionResult.Done($"Skipped {action}: {result.Reason}");
            default:
                return await PoisonAsync(services, QueueNames.Tasks, message, $"CreateCallTask: {result.Reason}", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<FunctionResult> ApplyPaymentAsync(PaymentEventMessage message, QueueDelivery delivery, IServiceProvider services, CancellationToken cancellationToken)
    {
        var outcome = await services.GetRequiredService<ApplyPaymentEvent>().HandleAsync(message, cancellationToken).ConfigureAwait(false);
        var what = $"{message.Source} event {message.EventId}";
        return outcome == ApplyOutcome.NotFound
            ? await PoisonAsync(services, QueueNames.Payments, message, $"ApplyPayment: no stored {what}", cancellationToken).ConfigureAwait(false)
            : FunctionResult.Done($"{outcome} {what}");
    }

    private static async Task<FunctionResult> PoisonAsync<T>(IServiceProvider services, string queueName, T message, string reason, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<PoisonQueue>().SendAsync(queueName, message, cancellationToken).ConfigureAwait(false);
        return FunctionResult.Poisoned($"{reason}; moved to {queueName}{PoisonQueue.Suffix}");
    }
}
