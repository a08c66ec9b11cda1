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
    /// Countback DSO as of <paramref name="asOf"/>: the AR is matched against the sales of the calendar month holding
    /// <paramref name="asOf"/>, then of the calendar month before, and so on. A month whose sales the AR exceeds adds
    /// all its days; the month that covers the rest adds its own length x rest / its sales. Month k (0-based) is the
    /// k-th calendar month before the one holding <paramref name="asOf"/>; month 0 counts only its days up to
    /// <paramref name="asOf"/> (all of them at a month end), earlier months their calendar length (28 to 31). So as of
    /// September 30 the months are September (30 days), August (31), July (31), never windows cut at the 30th.
    /// Zero when there is no AR; null when the AR exceeds every sale in <paramref name="salesByMonthBack"/> (possible
    /// only with credit notes).
    /// </summary>
    public static decimal? CountbackDso(decimal ar, DateOnly asOf, IReadOnlyList<decimal> salesByMonthBack)
    {
        var remaining = ar;
        var days = 0m;
        for (var k = 0; remaining > 0m && k < salesByMonthBack.Count; k++)
        {
            var monthDays = DaysCounted(asOf, k);
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

    /// <summary>Which countback month (0-based, see <see cref="CountbackDso"/>) holds <paramref name="date"/>, on or before <paramref name="asOf"/>: the calendar months between them.</summary>
    public static int MonthsBack(DateOnly date, DateOnly asOf) =>
        ((asOf.Year - date.Year) * 12) + asOf.Month - date.Month;

    /// <summary>The days countback month <paramref name="monthsBack"/> adds: up to <paramref name="asOf"/> in its own month, the calendar length before.</summary>
    private static int DaysCounted(DateOnly asOf, int monthsBack)
    {
        if (monthsBack == 0)
        {
            return asOf.Day;
        }

        var month = asOf.AddDays(1 - asOf.Day).AddMonths(-monthsBack);
        return DateTime.DaysInMonth(month.Year, month.Month);
    }
}
