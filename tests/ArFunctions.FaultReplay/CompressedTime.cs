using ArFunctions.Application.Ports;
using ArFunctions.Local;

namespace ArFunctions.FaultReplay;

/// <summary>
/// Virtual time for the replay: a message the app sends "in 25 s" (a claim's lease check, a Retry-After) becomes
/// visible after at most <see cref="MaxRealDelay"/> of real time, and whenever the queues hold only such messages the
/// replay moves the app's clock on by <see cref="IdleStep"/>, so a lease lapses in the app's time without the replay
/// waiting for it in real time.
/// </summary>
public sealed class CompressedTime(IMessageQueue inner, DemoClock clock) : IMessageQueue
{
    public static readonly TimeSpan MaxRealDelay = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan IdleStep = TimeSpan.FromSeconds(30);

    public Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken) => inner.SendAsync(queueName, message, cancellationToken);

    public Task SendAsync<T>(string queueName, T message, TimeSpan visibilityDelay, CancellationToken cancellationToken) =>
        inner.SendAsync(queueName, message, visibilityDelay < MaxRealDelay ? visibilityDelay : MaxRealDelay, cancellationToken);

    /// <summary>Nothing visible, something waiting: the app's time moves on.</summary>
    public void OnIdle() => clock.Advance(IdleStep);
}
