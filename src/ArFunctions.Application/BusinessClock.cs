using ArFunctions.Application.DailyRuns;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application;

/// <summary>
/// The clock of the business: the system's UTC time with <see cref="DailyRunOptions.BusinessTimeZone"/> as its local
/// zone, so every use case's "today" (<c>GetLocalNow()</c>) is the business date whatever zone the host runs in (UTC on
/// Azure). Registered as the app's <see cref="TimeProvider"/>; tests use a FakeTimeProvider with the zone set.
/// </summary>
public sealed class BusinessTimeProvider(TimeProvider inner, TimeZoneInfo zone) : TimeProvider
{
    public static BusinessTimeProvider FromOptions(IOptions<DailyRunOptions> options) =>
        new(System, TimeZoneInfo.FindSystemTimeZoneById(options.Value.BusinessTimeZone));

    public override TimeZoneInfo LocalTimeZone => zone;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}

/// <summary>Today's date in the business's time zone, from the injected clock.</summary>
public sealed class BusinessClock(TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);
}
