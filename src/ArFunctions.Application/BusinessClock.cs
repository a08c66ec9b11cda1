using ArFunctions.Application.DailyRuns;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application;

/// <summary>
/// The one place that turns the instant into the business's calendar: the injected <see cref="TimeProvider"/> gives the
/// instant (UTC), <see cref="DailyRunOptions.BusinessTimeZone"/> the zone, so every use case's <see cref="Today"/> is the
/// business date whatever zone the host runs in (UTC on Azure) and whatever clock a test or the demo injects.
/// </summary>
public sealed class BusinessClock
{
    private readonly TimeProvider _time;

    public BusinessClock(TimeProvider time, TimeZoneInfo zone)
    {
        _time = time;
        Zone = zone;
    }

    public BusinessClock(TimeProvider time, IOptions<DailyRunOptions> options)
        : this(time, TimeZoneInfo.FindSystemTimeZoneById(options.Value.BusinessTimeZone))
    {
    }

    /// <summary>The business's time zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The instant, in UTC: what records are stamped with.</summary>
    public DateTimeOffset UtcNow => _time.GetUtcNow();

    /// <summary>The instant on the business's wall clock.</summary>
    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(UtcNow, Zone);

    /// <summary>Today's date in the business's time zone.</summary>
    public DateOnly Today => DateOf(UtcNow);

    /// <summary>The business date at <paramref name="instant"/>.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
