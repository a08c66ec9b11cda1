using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Webhooks;

namespace ArFunctions.Application.DailyRuns;

/// <summary>What the host does with a queue message once its handler has answered.</summary>
public enum DeliveryVerdict
{
    /// <summary>Handled (done, skipped, already done, left to another delivery, or re-queued by the handler): delete it.</summary>
    Done,

    /// <summary>A transient failure: deliver the message again (it counts towards the host's maxDequeueCount).</summary>
    Retry,

    /// <summary>It can never succeed: move it to the poison queue at once, with the reason.</summary>
    Poison,
}

/// <summary>
/// The verdict on one delivery of a queue message, from its handler's result: the one mapping the function app's queue
/// functions and the fault-injected replay share, so the replay proves what the app does. <see cref="Reason"/> says
/// why for <see cref="DeliveryVerdict.Retry"/> and <see cref="DeliveryVerdict.Poison"/>, and names the handler.
/// </summary>
public readonly record struct DeliveryOutcome(DeliveryVerdict Verdict, string? Reason = null)
{
    public static DeliveryOutcome Done => new(DeliveryVerdict.Done);

    public static DeliveryOutcome Of(SendEmailResult result) => result switch
    {
        SendEmailResult.Retry retry => new(DeliveryVerdict.Retry, $"SendEmail: {retry.Reason}"),
        SendEmailResult.Malformed malformed => new(DeliveryVerdict.Poison, $"SendEmail: {malformed.Reason}"),
        _ => Done,
    };

    public static DeliveryOutcome Of(CreateTaskResult result) => result.Outcome switch
    {
        CreateTaskOutcome.Created or CreateTaskOutcome.Merged or CreateTaskOutcome.AlreadyDone or CreateTaskOutcome.Skipped or CreateTaskOutcome.InProgress => Done,
        _ => new(DeliveryVerdict.Poison, $"CreateCallTask: {result.Reason}"),
    };

    public static DeliveryOutcome Of(ApplyOutcome outcome, PaymentEventMessage message) => outcome == ApplyOutcome.NotFound
        ? new(DeliveryVerdict.Poison, $"ApplyPayment: no stored {message.Source} event {message.EventId}")
        : Done;
}
