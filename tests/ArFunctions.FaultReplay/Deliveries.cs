using System.Collections.Concurrent;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Local;
using ArFunctions.Storage.Queues;
using Azure;
using Azure.Storage.Queues;

namespace ArFunctions.FaultReplay;

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

    /// <summary>Where a drain that goes on and on says so (every 200 batches); null for quiet.</summary>
    public Action<string>? Progress { get; set; }

    /// <summary>Called between two batches, while no handler runs (the replay moves the app's clock on).</summary>
    public Action? BetweenBatches { get; set; }

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
    public Task DrainAsync<T>(QueueClient queue, string handler, Func<T, CancellationToken, Task<DeliveryOutcome>> handle, int concurrency, CancellationToken cancellationToken) =>
        QueueDrain.RunAsync(queue, async (text, token) =>
        {
            var body = JsonSerializer.Deserialize<T>(text, QueueSender.SerializerOptions)
                ?? throw new InvalidOperationException($"A message of {queue.Name} is empty.");
            await DeliverAsync(queue.Name, text, handler, () => handle(body, token)).ConfigureAwait(false);
        }, new QueueDrainOptions { Concurrency = concurrency, WaitForDelayed = true, BetweenBatches = BetweenBatches, Progress = Progress }, cancellationToken);

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

    private async Task DeliverAsync(string queue, string text, string handler, Func<Task<DeliveryOutcome>> handle)
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
            if (outcomes.FirstOrDefault(o => o.Verdict == DeliveryVerdict.Poison) is { Verdict: DeliveryVerdict.Poison } poisoned)
            {
                Poisoned.Enqueue(new PoisonedMessage(queue, text, poisoned.Reason ?? ""));
                return;
            }

            if (outcomes.Any(o => o.Verdict == DeliveryVerdict.Done))
            {
                return;
            }

            lastFailure = outcomes.Last().Reason;
            (times, together) = (1, false);
        }

        Poisoned.Enqueue(new PoisonedMessage(queue, text, $"failed {MaxDequeueCount} deliveries; last: {lastFailure}"));
    }

    private async Task<DeliveryOutcome[]> SequentialAsync(int times, string handler, Func<Task<DeliveryOutcome>> handle)
    {
        var outcomes = new DeliveryOutcome[times];
        for (var i = 0; i < times; i++)
        {
            outcomes[i] = await OnceAsync(handler, handle).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>One delivery; a crash or a storage failure is a failed delivery, as the host sees a function that threw.</summary>
    private async Task<DeliveryOutcome> OnceAsync(string handler, Func<Task<DeliveryOutcome>> handle)
    {
        faults.Enter(handler);
        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new DeliveryOutcome(DeliveryVerdict.Retry, $"{handler}: {e.GetType().Name}: {e.Message}");
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
}
