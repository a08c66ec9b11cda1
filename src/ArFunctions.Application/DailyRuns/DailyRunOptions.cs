using System.ComponentModel.DataAnnotations;

namespace ArFunctions.Application.DailyRuns;

/// <summary>Settings of the daily run (section <c>ArFunctions:DailyRun</c>).</summary>
public sealed class DailyRunOptions
{
    public const string Section = "ArFunctions:DailyRun";

    /// <summary>KPIs are computed over the trailing period (asOf - days, asOf].</summary>
    [Range(7, 366)]
    public int KpiPeriodDays { get; set; } = 90;

    /// <summary>Customers whose writes are grouped before the shard's checkpoint moves on.</summary>
    [Range(1, 10_000)]
    public int CheckpointEvery { get; set; } = 500;
}
