using ArFunctions.Application.Emails;

namespace ArFunctions.Email;

/// <summary>At most <c>perMinute</c> sends in any 60 seconds of this process (a sliding window of send times).</summary>
public sealed class SlidingWindowRateGate(int perMinute, TimeProvider time) : ISendRateGate
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> _sends = new();
    private readonly Lock _lock = new();

    public TimeSpan? TryAcquire()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            while (_sends.Count > 0 && _sends.Peek() <= now - Window)
            {
                _sends.Dequeue();
            }

            if (_sends.Count < perMinute)
            {
                _sends.Enqueue(now);
                return null;
            }

            return _sends.Peek() + Window - now;
        }
    }
}
