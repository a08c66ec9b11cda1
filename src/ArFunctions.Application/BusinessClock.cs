using ArFunctions.Application.DailyRuns;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application;

/// <summary>Today's date in the business's time zone (<see cref="DailyRunOptions.BusinessTimeZone"/>), from the injected clock.</summary>
public sealed class BusinessClock(TimeProvider time, IOptions<DailyRunOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.BusinessTimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateOnly Today => DateOf(time.GetUtcNow());

    /// <summary>The business date of an instant.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);
}
