using System.Diagnostics;
using Azure.Storage.Queues;

namespace ArFunctions.Benchmarks.PaymentApply;

/// <summary>What draining a queue took: messages handled, failures (left on the queue), wall time.</summary>
internal sealed record DrainResult(int Handled, IReadOnlyList<string> Errors, TimeSpan Elapsed);

/// <summary>
/// The loop both the apply phase and its floor run, so they differ only in the handler: <c>workers</c> tasks, each
/// receiving up to <c>batch</c> messages at a time, handling them one after another and deleting each once handled,
/// until a receive finds the queue empty. A handler that throws leaves its message on the queue and is counted.
/// </summary>
internal static class QueueWorkers
{
    public static async Task<DrainResult> DrainAsync(QueueClient queue, int workers, int batch, Func<string, CancellationToken, Task> handle)
    {
        var handled = 0;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var messages = (await queue.ReceiveMessagesAsync(batch, TimeSpan.FromMinutes(5)).ConfigureAwait(false)).Value;
                if (messages.Length == 0)
                {
                    return;
                }

                foreach (var message in messages)
                {
                    try
                    {
                        await handle(message.Body.ToString(), CancellationToken.None).ConfigureAwait(false);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
                        Interlocked.Increment(ref handled);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        errors.Enqueue($"{message.MessageId}: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        }))).ConfigureAwait(false);
        return new DrainResult(handled, [.. errors], clock.Elapsed);
    }
}
