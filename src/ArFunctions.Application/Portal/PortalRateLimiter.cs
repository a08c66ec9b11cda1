using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.Portal;

/// <summary>
/// A token bucket per link id, in this instance's memory: a link may make <see cref="PortalOptions.RequestsPerMinute"/>
/// requests at once and that many per minute after. Each instance counts on its own, so N instances allow up to N
/// times the rate: a brake on a scraped or leaked link, not a quota.
/// </summary>
public sealed class PortalRateLimiter(IOptions<PortalOptions> options, TimeProvider time)
{
    /// <summary>Buckets kept before the full ones (idle links) are dropped.</summary>
    private const int MaxBuckets = 10_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly double _capacity = options.Value.RequestsPerMinute;

    /// <summary>Takes one token for <paramref name="linkId"/>; false, with the wait until the next one, when none is left.</summary>
    public bool TryAcquire(string linkId, out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        if (_buckets.Count > MaxBuckets)
        {
            Sweep(now);
        }

        var bucket = _buckets.GetOrAdd(linkId, _ => new Bucket(_capacity, now));
        lock (bucket)
        {
            bucket.Refill(_capacity, time.GetElapsedTime(bucket.Stamp, now), now);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromMinutes((1 - bucket.Tokens) / _capacity);
            return false;
        }
    }

    private void Sweep(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (time.GetElapsedTime(bucket.Stamp, now) > TimeSpan.FromMinutes(1))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;

        public long Stamp { get; private set; } = stamp;

        public void Refill(double capacity, TimeSpan elapsed, long now)
        {
            Tokens = Math.Min(capacity, Tokens + elapsed.TotalMinutes * capacity);
            Stamp = now;
        }
    }
}
