using ArFunctions.Domain.Kpis;

namespace ArFunctions.Domain.Tests.Kpis;

public class KpiFormulasCountbackDso
{
    private static readonly DateOnly EndOfMarch = new(2026, 3, 31);

    [Fact]
    public void AddsFullMonthsThenAShareOfTheLastGivenArAcrossMonths()
    {
        // March (31 days) is used up by 2,000; 2,500 of February's 4,000 remain: 28 x 2,500 / 4,000 = 17.5.
        Assert.Equal(48.5m, KpiFormulas.CountbackDso(4_500m, EndOfMarch, [2_000m, 4_000m, 3_000m]));
    }

    [Fact]
    public void CountsWithinTheFirstMonthGivenArBelowItsSales()
    {
        Assert.Equal(15.5m, KpiFormulas.CountbackDso(1_000m, EndOfMarch, [2_000m]));
    }

    [Fact]
    public void IsZeroGivenNoAr()
    {
        Assert.Equal(0m, KpiFormulas.CountbackDso(0m, EndOfMarch, []));
    }

    [Fact]
    public void IsNullGivenArBeyondAllRecordedSales()
    {
        Assert.Null(KpiFormulas.CountbackDso(5_000m, EndOfMarch, [1_000m, -500m, 2_000m]));
    }

    [Fact]
    public void CountsTheDaysSoFarOfTheCurrentMonthGivenAMidMonthDate()
    {
        // March 1 to 15 (15 days) sold 1,000; then February, 28 days, covers the 500 left: 28 x 500 / 1,000 = 14.
        Assert.Equal(15m + 14m, KpiFormulas.CountbackDso(1_500m, new DateOnly(2026, 3, 15), [1_000m, 1_000m]));
    }

    [Fact]
    public void CountsSeptemberAs30DaysAndAugustAs31GivenAsOfSeptember30()
    {
        // September 30 days, then August's own 31 days x 500 / 1,000: never the window (Jul 30, Aug 30].
        Assert.Equal(30m + 15.5m, KpiFormulas.CountbackDso(1_500m, new DateOnly(2026, 9, 30), [1_000m, 1_000m]));
    }

    [Fact]
    public void CountsFebruaryAs29DaysGivenALeapYear()
    {
        Assert.Equal(29m + 31m + 15.5m, KpiFormulas.CountbackDso(2_500m, new DateOnly(2028, 2, 29), [1_000m, 1_000m, 1_000m]));
    }
}

public class KpiFormulasMonthsBack
{
    [Theory]
    [InlineData("2026-03-31", "2026-03-31", 0)]
    [InlineData("2026-03-01", "2026-03-31", 0)]
    [InlineData("2026-02-28", "2026-03-31", 1)]
    [InlineData("2026-02-01", "2026-03-31", 1)]
    [InlineData("2026-01-31", "2026-03-31", 2)]
    [InlineData("2025-12-31", "2026-03-31", 3)]
    [InlineData("2026-08-31", "2026-09-30", 1)]
    [InlineData("2026-09-01", "2026-09-30", 0)]
    [InlineData("2026-07-31", "2026-09-30", 2)]
    [InlineData("2026-01-31", "2026-02-28", 1)]
    [InlineData("2026-03-01", "2026-03-15", 0)]
    [InlineData("2026-02-28", "2026-03-15", 1)]
    [InlineData("2025-03-31", "2026-03-15", 12)]
    [InlineData("2025-04-01", "2026-03-15", 11)]
    public void FindsTheCalendarMonthHoldingTheDate(string date, string asOf, int expected)
    {
        Assert.Equal(expected, KpiFormulas.MonthsBack(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public class KpiFormulasCei
{
    [Fact]
    public void IsCollectedOverCollectible()
    {
        Assert.Equal(75m, KpiFormulas.Cei(beginningAr: 4_500m, creditSales: 9_000m, endingAr: 4_500m, endingCurrentAr: 1_500m));
    }

    [Fact]
    public void IsNullGivenNothingCollectible()
    {
        Assert.Null(KpiFormulas.Cei(0m, 1_000m, 1_000m, 1_000m));
        Assert.Null(KpiFormulas.Dso(500m, 0m, 90));
    }
}
