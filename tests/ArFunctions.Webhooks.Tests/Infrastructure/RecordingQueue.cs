using System.Collections.Concurrent;
using ArFunctions.Application.Ports;

namespace ArFunctions.Webhooks.Tests.Infrastructure;

/// <summary>A queue that keeps what is sent, so a test can drain it through the handler; can be told to fail sends.</summary>
public sealed class RecordingQueue : IMessageQueue
{
    private readonly ConcurrentQueue<(string Queue, object Message)> _messages = new();

    public int FailNextSends { get; set; }

    public IReadOnlyList<(string Queue, object Message)> Sent => [.. _messages];

    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) =>
        SendAsync(queueName, message, TimeSpan.Zero, cancellationToken);

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        if (FailNextSends > 0)
        {
            FailNextSends--;
            throw new IOException("queue unavailable (injected)");
        }

        _messages.Enqueue((queueName, message!));
        return Task.CompletedTask;
    }

    public bool TryTake(out object message)
    {
        var taken = _messages.TryDequeue(out var item);
        message = item.Message;
        return taken;
    }
}
