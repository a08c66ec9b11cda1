namespace ArFunctions.Domain.Kpis;

/// <summary>
/// The additive sums behind one group's KPIs (base currency): AR at the start and end of the period, credit sales
/// in it, the ending AR by age, and sales per calendar month back from the period's end (index 0 is the month
/// holding the end date) for countback DSO. Plain data, so shards can store theirs and a finaliser merge them.
/// <see cref="Ar"/> and <see cref="BeginningAr"/> are net of credits; <see cref="Credits"/> is the credits' unapplied
/// amount at the end of the period (0 in totals stored before credits counted).
/// </summary>
public sealed record KpiTotals(
    decimal BeginningAr,
    decimal Ar,
    decimal CreditSales,
    decimal Current,
    decimal Days1To30,
    decimal Days31To60,
    decimal Days61To90,
    decimal Days90Plus,
    int InvoiceCount,
    IReadOnlyList<decimal> SalesByMonthBack,
    decimal Credits = 0m);
