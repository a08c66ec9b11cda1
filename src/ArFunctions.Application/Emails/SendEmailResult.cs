using ArFunctions.Application.Ports;

namespace ArFunctions.Application.Emails;

/// <summary>
/// What handling one <c>ar-emails</c> message came to. The function app answers 2xx (message done) for every case but
/// <see cref="Retry"/>, which it answers non-2xx so the host redelivers the message.
/// </summary>
public abstract record SendEmailResult
{
    private SendEmailResult()
    {
    }

    public sealed record Sent(string MessageId) : SendEmailResult;

    /// <summary>Nothing sent on purpose (paid, disputed, excluded, no address); recorded on the action.</summary>
    public sealed record Skipped(string Reason) : SendEmailResult;

    /// <summary>The action was completed by an earlier delivery of the message: nothing done.</summary>
    public sealed record AlreadyDone(ActionStatus Status) : SendEmailResult;

    /// <summary>
    /// Another delivery holds the action's claim: nothing done. A check is queued for when the claim lapses, so the
    /// action is finished even if that holder crashed.
    /// </summary>
    public sealed record InProgress(TimeSpan CheckAfter) : SendEmailResult;

    /// <summary>Re-queued, visible again after <see cref="Delay"/> (send rate or ACS 429): this message is done.</summary>
    public sealed record Deferred(TimeSpan Delay) : SendEmailResult;

    /// <summary>A transient failure outlasted the client's retries: let the host redeliver the message.</summary>
    public sealed record Retry(string Reason) : SendEmailResult;

    /// <summary>A final failure, recorded on the action.</summary>
    public sealed record Failed(string Reason) : SendEmailResult;

    /// <summary>The message names no email action that exists: it can never succeed, and nothing was changed.</summary>
    public sealed record Malformed(string Reason) : SendEmailResult;
}
