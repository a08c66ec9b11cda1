using System.Collections.Concurrent;
using System.Text.Json;
using ArFunctions.Storage.Queues;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ArFunctions.FaultReplay;

/// <summary>What one delivery of a message came to, as the function class maps a handler's result.</summary>
public enum Delivered
{
    /// <summary>The function returned: the host deletes the message.</summary>
    Done,

    /// <summary>The function threw (a crash, a transient failure): the host delivers the message again.</summary>
    Failed,

    /// <summary>The function sent the message to poison with a reason.</summary>
    Poisoned,
}

/// <summary>A message that ended in poison, and why: every one must be explained.</summary>
public sealed record PoisonedMessage(string Queue, string Message, string Reason);

/// <summary>
/// The host's queue listener, made hostile: every message is delivered once, or (seeded) two or three times in a row,
/// or eight times at once; a failed delivery is delivered again until the fifth, then the message goes to poison
/// with the last failure as its reason, as the Functions host does with maxDequeueCount 5. Each delivery runs under
/// <see cref="StorageFaults.Enter"/>, so one of its writes may crash.
/// </summary>
public sealed class Deliveries(StorageFaults faults, int seed, double repeatRate, double burstRate)
{
    public const int MaxDequeueCount = 5;

    public const int Burst = 8;

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public ConcurrentQueue<PoisonedMessage> Poisoned { get; } = new();

    /// <summary>Where a drain that goes on and on says so (every 200 rounds); null for quiet.</summary>
    public Action<string>? Progress { get; set; }

    /// <summary>Called when a queue holds only messages that are not visible yet (the replay moves the app's clock on).</summary>
    public Action? OnIdle { get; set; }

    public int Count => _count;

    public int Repeated => _repeated;

    public int Bursts => _bursts;

    private int _count;
    private int _repeated;
    private int _bursts;

    /// <summary>
    /// Delivers every message of <paramref name="queue"/> to <paramref name="handle"/> until the queue is empty, messages
    /// sent meanwhile (and ones made visible later) included.
    /// </summary>
    public async Task DrainAsync<T>(QueueClient queue, string handler, Func<T, CancellationToken, Task<(Delivered Outcome, string? Reason)>> handle, int concurrency, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var round = 1; ; round++)
        {
            if (round % 200 == 0)
            {
                Progress?.Invoke($"{queue.Name}: round {round}, {_count} deliveries so far");
            }

            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                var left = (await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
                if (left == 0)
                {
                    return;
                }

                OnIdle?.Invoke();
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                continue;
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (message, token) =>
            {
                var text = message.Body.ToString();
                var body = JsonSerializer.Deserialize<T>(text, QueueSender.SerializerOptions)
                    ?? throw new InvalidOperationException($"A message of {queue.Name} is empty.");
                var outcome = await DeliverAsync(queue.Name, text, handler, () => handle(body, token)).ConfigureAwait(false);
                if (round > 100)
                {
                    Progress?.Invoke($"{queue.Name}: {handler} {text} -> {outcome}");
                }

                await DeleteAsync(queue, message, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
    }

    /// <summary>One request a person or a processor makes, retried as they would after a failure (up to five tries).</summary>
    public async Task<T?> RetryAsync<T>(string handler, Func<Task<T>> call)
    {
        for (var attempt = 1; attempt <= MaxDequeueCount; attempt++)
        {
            faults.Enter(handler);
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (e is InjectedCrashException or RequestFailedException)
            {
                // Tried again.
            }
            finally
            {
                StorageFaults.Leave();
            }
        }

        return default;
    }

    private async Task<string> DeliverAsync(string queue, string text, string handler, Func<Task<(Delivered, string?)>> handle)
    {
        var (times, together) = Draw();
        var dequeues = 0;
        string? lastFailure = null;
        while (dequeues < MaxDequeueCount)
        {
            var round = together ? times : Math.Min(times, MaxDequeueCount - dequeues);
            dequeues += round;
            var outcomes = together
                ? await Task.WhenAll(Enumerable.Range(0, round).Select(_ => Task.Run(() => OnceAsync(handler, handle)))).ConfigureAwait(false)
                : await SequentialAsync(round, handler, handle).ConfigureAwait(false);
            Interlocked.Add(ref _count, round);
            if (outcomes.FirstOrDefault(o => o.Outcome == Delivered.Poisoned) is { Outcome: Delivered.Poisoned } poisoned)
            {
                Poisoned.Enqueue(new PoisonedMessage(queue, text, poisoned.Reason ?? "poisoned without a reason"));
                return "poisoned";
            }

            if (outcomes.Any(o => o.Outcome == Delivered.Done))
            {
                return "done";
            }

            lastFailure = outcomes.Last().Reason;
            (times, together) = (1, false);
        }

        Poisoned.Enqueue(new PoisonedMessage(queue, text, $"failed {MaxDequeueCount} deliveries; last: {lastFailure}"));
        return "failed: " + lastFailure;
    }

    private async Task<(Delivered Outcome, string? Reason)[]> SequentialAsync(int times, string handler, Func<Task<(Delivered, string?)>> handle)
    {
        var outcomes = new (Delivered, string?)[times];
        for (var i = 0; i < times; i++)
        {
            outcomes[i] = await OnceAsync(handler, handle).ConfigureAwait(false);
        }

        return outcomes;
    }

    private async Task<(Delivered Outcome, string? Reason)> OnceAsync(string handler, Func<Task<(Delivered, string?)>> handle)
    {
        faults.Enter(handler);
        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (Delivered.Failed, e.GetType().Name + ": " + e.Message);
        }
        finally
        {
            StorageFaults.Leave();
        }
    }

    private (int Times, bool Together) Draw()
    {
        lock (_gate)
        {
            var roll = _random.NextDouble();
            if (roll < burstRate)
            {
                Interlocked.Increment(ref _bursts);
                return (Burst, true);
            }

            if (roll < burstRate + repeatRate)
            {
                Interlocked.Increment(ref _repeated);
                return (_random.Next(2, 4), false);
            }

            return (1, false);
        }
    }

    private static async Task DeleteAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone either way.
        }
    }
}
