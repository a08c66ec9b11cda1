using ArFunctions.Domain.Common;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.DailyRuns;

/// <summary>Queue names, shared by the senders and the function bindings (function.json).</summary>
public static class QueueNames
{
    public const string Shards = "ar-shards";
    public const string Emails = "ar-emails";
    public const string Tasks = "ar-tasks";
    public const string Payments = "ar-payments";

    /// <summary>Emails go to <see cref="Emails"/>; calls, letters, escalations and agency hand-offs to <see cref="Tasks"/>.</summary>
    public static string Of(ActionMessage message) =>
        message.Kind == KebabName<ActionKind>.Format(ActionKind.Email) ? Emails : Tasks;
}

/// <summary>Process one shard of the run of <see cref="AsOf"/>.</summary>
public sealed record ProcessShardMessage(DateOnly AsOf, int Shard);

/// <summary>
/// Carry out one planned action (an email on <see cref="QueueNames.Emails"/>; a call, letter, escalation or
/// agency hand-off on <see cref="QueueNames.Tasks"/>). The action itself is stored; the message only names it.
/// </summary>
public sealed record ActionMessage(string ActionId, int Shard, string CustomerId, string Kind, DateOnly AsOf);
