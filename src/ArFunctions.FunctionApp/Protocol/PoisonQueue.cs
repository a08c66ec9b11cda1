using ArFunctions.Storage;
using ArFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace ArFunctions.FunctionApp.Protocol;

/// <summary>
/// Moves a message that can never succeed to <c>&lt;queue&gt;-poison</c> at once, as the host would after
/// maxDequeueCount failures: the same text, so that tooling that re-queues poison messages works on it.
/// </summary>
internal sealed class PoisonQueue(QueueSender sender, IOptions<StorageOptions> options)
{
    public const string Suffix = "-poison";

    public Task SendAsync(string queueName, string text, CancellationToken cancellationToken) =>
        sender.SendTextAsync(options.Value.QueuePrefix + queueName + Suffix, text, cancellationToken);

    /// <summary>Poisons a message that parsed but names something that does not exist, as the JSON it was sent as.</summary>
    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        SendAsync(queueName, QueueSender.Serialize(message), cancellationToken);
}
