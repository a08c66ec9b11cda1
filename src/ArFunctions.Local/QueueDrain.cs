using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ArFunctions.Local;

/// <summary>How a <see cref="QueueDrain"/> runs: how many deliveries at once, and when it stops.</summary>
public sealed record QueueDrainOptions
{
    public int Concurrency { get; init; } = 4;

    /// <summary>
    /// False: stop when no message is visible (a delayed message is left for later). True: stop only when the queue is
    /// empty, waiting for delayed messages to become visible.
    /// </summary>
    public bool WaitForDelayed { get; init; }

    /// <summary>Called before each batch is received, while no delivery runs.</summary>
    public Action? BetweenBatches { get; init; }

    /// <summary>Where a drain that goes on and on says so (every 200 batches); null for quiet.</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>
/// A Functions host's queue listener, played locally: receives batches of up to 32 messages, hands each message's text
/// to a delivery, <see cref="QueueDrainOptions.Concurrency"/> at a time, and deletes it once the delivery returned,
/// until the queue is drained; messages sent meanwhile are handled too. What a delivery does on failure (deliver
/// again, poison) is the delivery's own: the local pipeline retries storage failures, the fault replay is hostile.
/// </summary>
public static class QueueDrain
{
    private static readonly TimeSpan Invisible = TimeSpan.FromMinutes(5);

    /// <summary>Drains <paramref name="queue"/> into <paramref name="deliver"/>; returns how many messages were handled.</summary>
    public static Task<int> RunAsync(QueueClient queue, Func<string, CancellationToken, Task> deliver, QueueDrainOptions options, CancellationToken cancellationToken) =>
        RunAsync(queue, async (text, token) =>
        {
            await deliver(text, token).ConfigureAwait(false);
            return true;
        }, options, cancellationToken);

    /// <summary>
    /// As above, but a delivery that returns false leaves its message in the queue instead of deleting it: invisible
    /// until its receipt lapses, then there for the function app or the next drain, as a host leaves a failed message.
    /// </summary>
    public static async Task<int> RunAsync(QueueClient queue, Func<string, CancellationToken, Task<bool>> deliver, QueueDrainOptions options, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var handled = 0;
        for (var round = 1; ; round++)
        {
            if (round % 200 == 0)
            {
                options.Progress?.Invoke($"{queue.Name}: batch {round}, {handled} messages so far");
            }

            options.BetweenBatches?.Invoke();
            var batch = (await queue.ReceiveMessagesAsync(32, Invisible, cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                if (!options.WaitForDelayed || (await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount == 0)
                {
                    return handled;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
                continue;
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (message, token) =>
            {
                if (await deliver(message.Body.ToString(), token).ConfigureAwait(false))
                {
                    await DeleteAsync(queue, message, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            handled += batch.Length;
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
            // Azurite sometimes loses a just-received message's receipt; the message is gone either way.
        }
    }
}
