namespace ArFunctions.Domain.Kpis;

/// <summary>
/// The receivables formulas, each on figures already summed (base currency). Every one returns null when its
/// denominator is zero or negative rather than dividing by it; docs/kpis.md explains them with a worked example.
/// </summary>
public static class KpiFormulas
{
    /// <summary>Days sales outstanding, period method: AR / credit sales x days. Also gives best possible DSO from current AR.</summary>
    public static decimal? Dso(decimal ar, decimal creditSales, int days) =>
        creditSales > 0m ? ar * days / creditSales : null;

    /// <summary>Collection effectiveness index in percent: what was collected out of what could have been.</summary>
    public static decimal? Cei(decimal beginningAr, decimal creditSales, decimal endingAr, decimal endingCurrentAr)
    {
        var collectible = beginningAr + creditSales - endingCurrentAr;
        return collectible > 0m ? (beginningAr + creditSales - endingAr) * 100m / collectible : null;
    }

    public static decimal? Percent(decimal part, decimal whole) => whole > 0m ? part * 100m / whole : null;

    /// <summary>
    /// Countback DSO as of <paramref name="asOf"/>: the AR is matched against the sales of the month ending at
    /// <paramref name="asOf"/>, then the month before, and so on. A month whose sales the AR exceeds adds all its
    /// days; the month that covers the rest adds days x rest / its sales. Month k (0-based) is
    /// (asOf - (k+1) months, asOf - k months]. Zero when there is no AR; null when the AR exceeds every sale in
    /// <paramref name="salesByMonthBack"/> (possible only with credit notes).
    /// </summary>
    public static decimal? CountbackDso(decimal ar, DateOnly asOf, IReadOnlyList<decimal> salesByMonthBack)
    {
        var remaining = ar;
        var days = 0m;
        for (var k = 0; remaining > 0m && k < salesByMonthBack.Count; k++)
        {
            var monthDays = asOf.AddMonths(-k).DayNumber - asOf.AddMonths(-(k + 1)).DayNumber;
            var sales = salesByMonthBack[k];
            if (sales >= remaining)
            {
                return days + (monthDays * remaining / sales);
            }

            days += monthDays;
            remaining -= sales;
        }

        return remaining > 0m ? null : days;
    }

    /// <summary>Which countback month (0-based, see <see cref="CountbackDso"/>) holds <paramref name="date"/>, on or before <paramref name="asOf"/>.</summary>
    public static int MonthsBack(DateOnly date, DateOnly asOf)
    {
        // The answer is the calendar-month difference or one less; start below and step up.
        var k = Math.Max(0, ((asOf.Year - date.Year) * 12) + asOf.Month - date.Month - 1);
        while (date <= asOf.AddMonths(-(k + 1)))
        {
            k++;
        }

        return k;
    }
}
