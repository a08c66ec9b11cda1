using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ArFunctions.WorkerHost;

/// <summary>
/// The queue trigger's listener, run on demand: <see cref="DrainAsync(TimeSpan?, CancellationToken)"/> receives from
/// every trigger queue in batches of batchSize, invokes the function per message and settles each message as the host
/// does — success deletes it; a failure makes it visible again after visibilityTimeout; the maxDequeueCount-th failed
/// attempt (or a message received with a larger dequeue count) copies it to <c>&lt;queue&gt;-poison</c> and deletes it.
/// </summary>
public sealed class QueueListener
{
    // The host holds a received message this long while the function runs (its lease), before any retry delay applies.
    private static readonly TimeSpan ProcessingLease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromMinutes(2);

    private readonly FunctionsWorkerHost _host;
    private readonly ConcurrentDictionary<string, Task<QueueClient>> _queues = new(StringComparer.Ordinal);
    private QueueServiceClient? _service;

    internal QueueListener(FunctionsWorkerHost host) => _host = host;

    /// <summary>The queue settings in force: the options' override, else host.json's extensions.queues.</summary>
    public QueueSettings Settings => _host.Options.QueueSettings ?? _host.HostJson.Queues;

    private TimeSpan RetryDelay => _host.Options.QueueSettings is { } given ? given.EffectiveVisibilityTimeout : Settings.VisibilityTimeout;

    // While draining, an empty queue is polled at most this far apart (the host backs off up to maxPollingInterval).
    private TimeSpan PollInterval => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(250).Ticks, Math.Max(TimeSpan.FromMilliseconds(20).Ticks,
        (_host.Options.QueueSettings is { } given ? given.EffectiveMaxPollingInterval : Settings.MaxPollingInterval).Ticks)));

    /// <summary>
    /// Processes every queue-trigger function's queue until all are empty (no message visible, invisible or in flight)
    /// and returns every invocation made, in the order they finished. Throws <see cref="DrainTimeoutException"/> (with
    /// the partial report) when that takes longer than <paramref name="timeout"/> (2 minutes by default).
    /// </summary>
    public Task<DrainReport> DrainAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        DrainAsync(QueueFunctions().Select(f => f.Name).ToArray(), timeout, cancellationToken);

    /// <summary>As <see cref="DrainAsync(TimeSpan?, CancellationToken)"/>, for the named functions' queues only.</summary>
    public async Task<DrainReport> DrainAsync(IReadOnlyCollection<string> functions, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var targets = await Task.WhenAll(functions.Select(name => TargetAsync(_host.Find(name, "queueTrigger"), cancellationToken))).ConfigureAwait(false);
        var invocations = new ConcurrentQueue<QueueInvocation>();
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultDrainTimeout);
        while (true)
        {
            var received = await Task.WhenAll(targets.Select(t => ProcessBatchAsync(t, invocations, cancellationToken))).ConfigureAwait(false);
            if (received.Sum() == 0 && await AllEmptyAsync(targets, cancellationToken).ConfigureAwait(false))
            {
                return new DrainReport([.. invocations]);
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new DrainTimeoutException($"The queues were not empty after {timeout ?? DefaultDrainTimeout}.", new DrainReport([.. invocations]));
            }

            if (received.Sum() == 0)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The queue name a queue-trigger function listens on, with <c>%Setting%</c> parts resolved.</summary>
    public string QueueName(string function) => QueueNameOf(_host.Find(function, "queueTrigger"));

    /// <summary>A client for a queue-trigger function's queue on the same account (messages as stored, not decoded).</summary>
    public Task<QueueClient> GetQueueClientAsync(string function, CancellationToken cancellationToken = default) =>
        QueueAsync(QueueName(function), cancellationToken);

    private IEnumerable<LoadedFunction> QueueFunctions() =>
        _host.Functions.Where(f => string.Equals(f.TriggerType, "queueTrigger", StringComparison.OrdinalIgnoreCase));

    private string QueueNameOf(LoadedFunction function)
    {
        var raw = function.Trigger is { } t && t.TryGetProperty("queueName", out var q) ? q.GetString() ?? "" : "";
        return _host.AppSettings.Resolve(raw).ToLowerInvariant();
    }

    private async Task<QueueTarget> TargetAsync(LoadedFunction function, CancellationToken cancellationToken)
    {
        var name = QueueNameOf(function);
        return new QueueTarget(function, name, await QueueAsync(name, cancellationToken).ConfigureAwait(false));
    }

    private Task<QueueClient> QueueAsync(string name, CancellationToken cancellationToken) =>
        _queues.GetOrAdd(name, async n =>
        {
            // Bodies stay as stored: this listener decodes per messageEncoding itself, and a poisoned copy keeps the bytes.
            _service ??= new QueueServiceClient(_host.Options.StorageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
            var queue = _service.GetQueueClient(n);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return queue;
        });

    private static async Task<bool> AllEmptyAsync(IEnumerable<QueueTarget> targets, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            QueueProperties properties = await target.Client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            if (properties.ApproximateMessagesCount > 0)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<int> ProcessBatchAsync(QueueTarget target, ConcurrentQueue<QueueInvocation> invocations, CancellationToken cancellationToken)
    {
        var batchSize = Math.Clamp(Settings.BatchSize, 1, 32);
        QueueMessage[] messages = await target.Client.ReceiveMessagesAsync(batchSize, ProcessingLease, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(messages.Select(async m => invocations.Enqueue(await ProcessAsync(target, m, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        return messages.Length;
    }

    private async Task<QueueInvocation> ProcessAsync(QueueTarget target, QueueMessage message, CancellationToken cancellationToken)
    {
        var maxDequeueCount = Settings.MaxDequeueCount;
        if (message.DequeueCount > maxDequeueCount)
        {
            await PoisonAsync(target, message, cancellationToken).ConfigureAwait(false);
            return Record(target, message, new InvocationResult("", false, $"Dequeue count {message.DequeueCount} exceeds maxDequeueCount {maxDequeueCount}; not invoked.", []), true);
        }

        var result = Decode(message) is { } text
            ? await _host.InvokeAsync(TriggerData.Queue(target.Function, ToData(message, text)), cancellationToken).ConfigureAwait(false)
            : new InvocationResult("", false, "The message is not valid base64 (host.json messageEncoding is base64).", []);
        if (result.Succeeded)
        {
            await TolerateMissingAsync(() => target.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken)).ConfigureAwait(false);
            return Record(target, message, result, false);
        }

        if (message.DequeueCount >= maxDequeueCount)
        {
            await PoisonAsync(target, message, cancellationToken).ConfigureAwait(false);
            return Record(target, message, result, true);
        }

        await TolerateMissingAsync(() => target.Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryDelay, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return Record(target, message, result, false);
    }

    private async Task PoisonAsync(QueueTarget target, QueueMessage message, CancellationToken cancellationToken)
    {
        var poison = await QueueAsync(target.Name + "-poison", cancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await TolerateMissingAsync(() => target.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken)).ConfigureAwait(false);
    }

    private string? Decode(QueueMessage message)
    {
        if (!Settings.IsBase64)
        {
            return message.Body.ToString();
        }

        var buffer = new byte[message.Body.ToMemory().Length];
        return Convert.TryFromBase64String(message.Body.ToString(), buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }

    private static QueueMessageData ToData(QueueMessage message, string text) =>
        new(message.MessageId, message.PopReceipt, text, message.DequeueCount, message.InsertedOn, message.ExpiresOn, message.NextVisibleOn);

    private static QueueInvocation Record(QueueTarget target, QueueMessage message, InvocationResult result, bool poisoned) =>
        new(target.Function.Name, target.Name, message.MessageId, (int)message.DequeueCount, result.Succeeded, result.Error, poisoned, result.Logs);

    // Azurite now and then answers 404 MessageNotFound for a message it has just handed out; the outcome stands.
    private static async Task TolerateMissingAsync(Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private sealed record QueueTarget(LoadedFunction Function, string Name, QueueClient Client);
}
