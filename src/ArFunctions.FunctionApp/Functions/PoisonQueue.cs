using ArFunctions.Application.DailyRuns;
using ArFunctions.Storage;
using ArFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>
/// Moves a message that can never succeed to <c>&lt;queue&gt;-poison</c> at once, where the host would put it only
/// after maxDequeueCount failed tries: the same text, so that tooling that re-queues poison messages works on it. The
/// function then returns normally, and the host deletes the original.
/// </summary>
public sealed class PoisonQueue(QueueSender sender, IOptions<StorageOptions> options)
{
    /// <summary>The full name of the poison queue of <paramref name="queueName"/> (a base name of <see cref="QueueNames"/>).</summary>
    public string NameOf(string queueName) => QueueNames.Poison(options.Value.QueuePrefix, queueName);

    public Task SendAsync(string queueName, string text, CancellationToken cancellationToken) =>
        sender.SendTextAsync(NameOf(queueName), text, cancellationToken);

    /// <summary>Poisons a message that parsed but names something that does not exist, as the JSON it was sent as.</summary>
    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        SendAsync(queueName, QueueSender.Serialize(message), cancellationToken);
}
