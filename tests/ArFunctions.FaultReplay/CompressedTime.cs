using ArFunctions.Application.Ports;
using ArFunctions.Local;

namespace ArFunctions.FaultReplay;

/// <summary>
/// Virtual time for the replay: a message the app sends "in 25 s" (a claim's lease check, a Retry-After) becomes
/// visible after at most <see cref="MaxRealDelay"/> of real time, and between two batches of deliveries, when no
/// handler is running, the app's clock moves on to the earliest time such a message waits for. So a lease lapses in
/// the app's time by the time its check is delivered, without the replay waiting for it in real time, and a live
/// holder never sees its own lease lapse mid-send (the clock moves only while nothing is in flight). Moving the clock
/// only when the queue is idle is not enough: checks re-queue themselves while a claim is live, so a queue with a
/// crashed holder's checks in it is never idle and the clock would never reach the lapse.
/// </summary>
public sealed class CompressedTime(IMessageQueue inner, DemoClock clock) : IMessageQueue
{
    public static readonly TimeSpan MaxRealDelay = TimeSpan.FromMilliseconds(500);

    private readonly Lock _gate = new();
    private DateTimeOffset? _earliestDue;

    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) => inner.SendAsync(queueName, message, cancellationToken);

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken)
    {
        var due = clock.GetUtcNow() + visibilityDelay;
        lock (_gate)
        {
            if (_earliestDue is not { } earliest || due < earliest)
            {
                _earliestDue = due;
            }
        }

        return inner.SendAsync(queueName, message, visibilityDelay < MaxRealDelay ? visibilityDelay : MaxRealDelay, cancellationToken);
    }

    /// <summary>
    /// Called between batches, with no handler running: the clock moves to the earliest time a delayed message sent
    /// since the last call waits for. A later one that arrives early finds its reason still there and waits again.
    /// </summary>
    public void CatchUp()
    {
        lock (_gate)
        {
            if (_earliestDue is { } due && due > clock.GetUtcNow())
            {
                clock.Advance(due - clock.GetUtcNow());
            }

            _earliestDue = null;
        }
    }
}
