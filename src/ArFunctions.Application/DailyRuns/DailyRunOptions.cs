using System.ComponentModel.DataAnnotations;

namespace ArFunctions.Application.DailyRuns;

/// <summary>Settings of the daily run (section <c>ArFunctions:DailyRun</c>).</summary>
public sealed class DailyRunOptions : IValidatableObject
{
    public const string Section = "ArFunctions:DailyRun";

    /// <summary>KPIs are computed over the trailing period (asOf - days, asOf].</summary>
    [Range(7, 366)]
    public int KpiPeriodDays { get; set; } = 90;

    /// <summary>Customers whose writes are grouped before the shard's checkpoint moves on.</summary>
    [Range(1, 10_000)]
    public int CheckpointEvery { get; set; } = 500;

    /// <summary>
    /// The IANA time zone of the business calendar ("Europe/Berlin"). Timer schedules are UTC (Linux plans do not
    /// support WEBSITE_TIME_ZONE); the as-of date of a run is today in this zone.
    /// </summary>
    public string BusinessTimeZone { get; set; } = "UTC";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(BusinessTimeZone, out _))
        {
            yield return new ValidationResult(
                $"BusinessTimeZone '{BusinessTimeZone}' is not a time zone this machine knows; use an IANA id such as 'Europe/Berlin' or 'UTC'.",
                [nameof(BusinessTimeZone)]);
        }
    }
}
