using ArFunctions.Application.Ports;
using ArFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>The application's queue port over <see cref="QueueSender"/> (JSON, base64, as host.json expects): a base name of <see cref="Application.DailyRuns.QueueNames"/> goes to its full name, <see cref="StorageOptions.QueueName"/>.</summary>
public sealed class QueueMessages(QueueSender sender, IOptions<StorageOptions> options) : IMessageQueue
{
    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        sender.SendAsync(options.Value.QueueName(queueName), message, cancellationToken);

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken) =>
        sender.SendAsync(options.Value.QueueName(queueName), message, visibilityDelay, cancellationToken);
}
