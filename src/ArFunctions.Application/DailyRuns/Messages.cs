using ArFunctions.Domain.Common;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.DailyRuns;

/// <summary>
/// The queues, in one place. Senders and handlers name a queue by its base name (<see cref="Shards"/> ...); storage puts
/// the deployment's prefix (setting <see cref="PrefixSetting"/>, default <see cref="DefaultPrefix"/>) before it with
/// <see cref="Full"/>, and the triggers resolve the same setting from app settings (<see cref="ShardsTrigger"/> ...),
/// so the queue a sender writes to is the queue a trigger listens on.
/// </summary>
public static class QueueNames
{
    public const string Shards = "shards";
    public const string Emails = "emails";
    public const string Tasks = "tasks";
    public const string Payments = "payments";

    /// <summary>ACS delivery reports, written by the Event Grid subscription on the Communication Services resource.</summary>
    public const string DeliveryReports = "delivery-reports";

    /// <summary>
    /// How long a message waits to be handled: messages are sent with the service's default time to live, seven days.
    /// An action still planned or queued after that has lost its message and is never handled.
    /// </summary>
    public const int MessageTimeToLiveDays = 7;

    /// <summary>Appended to a full queue name for the queue of messages that can never succeed, as the Functions host names it.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>The configuration key (and, as <c>ArFunctions__Storage__QueuePrefix</c>, the app setting) of the prefix.</summary>
    public const string PrefixSetting = "ArFunctions:Storage:QueuePrefix";

    public const string DefaultPrefix = "ar-";

    /// <summary>Binding expressions for <c>[QueueTrigger(...)]</c>: the host resolves <c>%setting%</c> from app settings.</summary>
    public const string ShardsTrigger = "%" + PrefixSetting + "%" + Shards;
    public const string EmailsTrigger = "%" + PrefixSetting + "%" + Emails;
    public const string TasksTrigger = "%" + PrefixSetting + "%" + Tasks;
    public const string PaymentsTrigger = "%" + PrefixSetting + "%" + Payments;
    public const string DeliveryReportsTrigger = "%" + PrefixSetting + "%" + DeliveryReports;

    /// <summary>Every base name, in the order the day uses them.</summary>
    public static IReadOnlyList<string> All { get; } = [Shards, Emails, Tasks, Payments, DeliveryReports];

    /// <summary>The name of the queue <paramref name="name"/> (a base name) in the deployment with <paramref name="prefix"/>.</summary>
    public static string Full(string prefix, string name) => prefix + name;

    /// <summary>The poison queue of <paramref name="name"/> (a base name) in the deployment with <paramref name="prefix"/>.</summary>
    public static string Poison(string prefix, string name) => Full(prefix, name) + PoisonSuffix;

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
