using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Queues;

/// <summary>
/// Sends messages as camelCase JSON (enum values in kebab-case). The queue service client must encode messages in
/// base64, as <see cref="StorageClientFactory.CreateQueueServiceClient"/> does, to match host.json's
/// <c>messageEncoding: base64</c>. Queues are created on first use.
/// </summary>
public sealed class QueueSender(QueueServiceClient queues, ILogger<QueueSender> logger)
{
    /// <summary>Azure's limit on a message as stored, that is after base64 encoding.</summary>
    public const int MaxEncodedBytes = 64 * 1024;

    /// <summary>The most JSON that fits: base64 turns every 3 bytes into 4.</summary>
    public const int MaxJsonBytes = MaxEncodedBytes / 4 * 3;

    private readonly ConcurrentDictionary<string, Task<QueueClient>> _ready = new(StringComparer.Ordinal);

    /// <summary>How messages are written; handlers read them back with the same options.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public Task<string> SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        SendAsync(queueName, message, TimeSpan.Zero, cancellationToken);

    /// <summary>Sends a message that becomes visible after <paramref name="delay"/>; returns the message id.</summary>
    /// <exception cref="StorageLimitException">The message is over 64 KiB once encoded; nothing was sent.</exception>
    public async Task<string> SendAsync<T>(string queueName, T message, TimeSpan delay, CancellationToken cancellationToken)
    {
        EnsureQueueName(queueName);
        var json = Serialize(message);
        var bytes = Encoding.UTF8.GetByteCount(json);
        if (bytes > MaxJsonBytes)
        {
            throw new StorageLimitException(
                $"A {typeof(T).Name} message for queue '{queueName}' is {bytes} bytes of JSON, {(bytes + 2) / 3 * 4} once base64-encoded; "
                + $"queue messages hold at most {MaxEncodedBytes} bytes encoded ({MaxJsonBytes} bytes of JSON). Send a reference instead.");
        }

        var queue = await GetQueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        var receipt = await queue.SendMessageAsync(json, delay > TimeSpan.Zero ? delay : null, cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.Sent(receipt.Value.MessageId, bytes, queueName);
        return receipt.Value.MessageId;
    }

    /// <summary>Sends text as it is (for example a message copied to a poison queue); returns the message id.</summary>
    public async Task<string> SendTextAsync(string queueName, string text, CancellationToken cancellationToken)
    {
        EnsureQueueName(queueName);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxJsonBytes)
        {
            throw new StorageLimitException($"A message for queue '{queueName}' is {bytes} bytes; queue messages hold at most {MaxJsonBytes} bytes before encoding.");
        }

        var queue = await GetQueueAsync(queueName, cancellationToken).ConfigureAwait(false);
        var receipt = await queue.SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
        logger.Sent(receipt.Value.MessageId, bytes, queueName);
        return receipt.Value.MessageId;
    }

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, SerializerOptions);

    /// <summary>Azure's queue names: 3 to 63 lower-case letters, digits and single inner hyphens.</summary>
    public static void EnsureQueueName(string queueName)
    {
        var valid = queueName is { Length: >= 3 and <= 63 }
            && IsLowerOrDigit(queueName[0])
            && IsLowerOrDigit(queueName[^1])
            && !queueName.Contains("--", StringComparison.Ordinal)
            && queueName.All(c => IsLowerOrDigit(c) || c == '-');
        if (!valid)
        {
            throw new ArgumentException(
                $"'{queueName}' is not a queue name: use 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(queueName));
        }
    }

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private Task<QueueClient> GetQueueAsync(string queueName, CancellationToken cancellationToken)
    {
        var ready = _ready.GetOrAdd(queueName, name => CreateAsync(queues.GetQueueClient(name), CancellationToken.None));
        if (ready.IsFaulted || ready.IsCanceled)
        {
            // Do not keep a failed creation: the next send tries again.
            _ready.TryRemove(new KeyValuePair<string, Task<QueueClient>>(queueName, ready));
        }

        return ready.WaitAsync(cancellationToken);
    }

    private async Task<QueueClient> CreateAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.QueueReady(queue.Name);
        return queue;
    }
}
