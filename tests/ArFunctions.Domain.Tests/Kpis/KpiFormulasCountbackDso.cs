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
    public void UsesMonthsEndingOnTheAsOfDateGivenAMidMonthDate()
    {
        // Windows (Feb 15, Mar 15] of 28 days, then (Jan 15, Feb 15] of 31 days.
        Assert.Equal(28m + 15.5m, KpiFormulas.CountbackDso(1_500m, new DateOnly(2026, 3, 15), [1_000m, 1_000m]));
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
    [InlineData("2026-02-16", "2026-03-15", 0)]
    [InlineData("2026-02-15", "2026-03-15", 1)]
    [InlineData("2025-03-15", "2026-03-15", 12)]
    [InlineData("2025-03-16", "2026-03-15", 11)]
    public void FindsTheMonthWindowHoldingTheDate(string date, string asOf, int expected)
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
