namespace ArFunctions.Local;

/// <summary>
/// A clock the demo sets, day by day, so every use case's "today" (<see cref="Application.BusinessClock.Today"/>, in the
/// business time zone) is the simulated day (the demo, the fault replay). Timers stay real: nothing in the pipeline waits on this clock.
/// </summary>
public sealed class DemoClock(DateTimeOffset start, TimeZoneInfo zone) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves to <paramref name="time"/> (local, in the business zone) on <paramref name="day"/>.</summary>
    public void Set(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        Interlocked.Exchange(ref _utcTicks, TimeZoneInfo.ConvertTimeToUtc(local, zone).Ticks);
    }

    /// <summary>Lets <paramref name="elapsed"/> pass.</summary>
    public void Advance(TimeSpan elapsed) => Interlocked.Add(ref _utcTicks, elapsed.Ticks);
}
