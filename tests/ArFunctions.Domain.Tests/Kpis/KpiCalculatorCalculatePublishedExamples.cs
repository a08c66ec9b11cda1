using System.Globalization;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Kpis;

/// <summary>
/// Every KPI against a published worked example (sources in docs/kpis.md, "Checked against published examples"),
/// at a 30-day month end, a 31-day month end and across February. Each month's sales are issued on the month's last
/// day, so a month counted from the wrong day (Sep 30 -> Aug 30) picks up another month's sales and fails.
/// </summary>
public class KpiCalculatorCalculatePublishedExamples
{
    private static readonly CurrencySettings Usd = new(A.Usd, new Dictionary<CurrencyCode, decimal>());

    [Fact]
    public void CountbackDsoCountsSeptemberAugustJulyGivenPeriodEndsSeptember30()
    {
        // Oracle HFM's example: September 2,500 (30 days), August 1,750 (31), July 2,250 (31), June 2,500 (30),
        // May 2,000 (31), then April covers 2,000 of its 2,250: 30 x 2,000 / 2,250, 179.7 in all. Its table says
        // debtors 12,000, but its own April line and total need 13,000 (11,000 through May, 2,000 left).
        var sales = MonthlySales(new DateOnly(2026, 9, 30), 2_500m, 1_750m, 2_250m, 2_500m, 2_000m, 2_250m);

        var overall = Calculate(sales, openAr: 13_000m, new DateOnly(2026, 6, 30), new DateOnly(2026, 9, 30));

        Assert.Equal(179.7m, Math.Round(overall.DsoCountback!.Value, 1));
        Assert.Equal(153m + (30m * 2_000m / 2_250m), overall.DsoCountback);
    }

    [Fact]
    public void CountbackDsoCountsJanuaryDecemberNovemberGivenPeriodEndsJanuary31()
    {
        // The Anaplan community's example: AR 2,000 at the end of January; January 200, December 400, November 600,
        // October 700, then September covers the 100 left of its 500: 31 + 31 + 30 + 31 + 30 x 100 / 500 = 129.
        var sales = MonthlySales(new DateOnly(2027, 1, 31), 200m, 400m, 600m, 700m, 500m);

        var overall = Calculate(sales, openAr: 2_000m, new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 31));

        Assert.Equal(129m, overall.DsoCountback);
    }

    [Theory]
    [InlineData("2026-02-28", 28)]
    [InlineData("2028-02-29", 29)]
    public void CountbackDsoCountsFebruaryByItsOwnLengthGivenPeriodEndsOnFebruarysLastDay(string end, int february)
    {
        // Benji Pays' figures (AR 212,000; sales 100,000, 80,000, 70,000 from the latest month back), counted with
        // calendar lengths as the countback method prescribes: February, January (31), then December's 31 x 32/70.
        var to = Date(end);
        var sales = MonthlySales(to, 100_000m, 80_000m, 70_000m);

        var overall = Calculate(sales, openAr: 212_000m, to.AddDays(-to.Day), to);

        Assert.Equal(february + 31m + (31m * 32_000m / 70_000m), overall.DsoCountback);
    }

    [Theory]
    [InlineData("2025-09-30", "2026-09-30", 30.4)]
    [InlineData("2025-12-31", "2026-12-31", 30.4)]
    [InlineData("2027-02-28", "2028-02-29", 30.5)]
    public void DsoIsArOverCreditSalesTimesTheDaysOfThePeriodGivenAYearEndingAtAMonthEnd(string start, string end, decimal expected)
    {
        // Mesha's example: AR 150,000 over annual credit sales of 1,800,000 x 365 days = 30.4; the year through a
        // leap February has 366 days.
        var from = Date(start);
        var to = Date(end);
        var sale = A.Invoice("S", to) with { IssueDate = from.AddDays(1), Amount = 1_800_000m };

        var overall = KpiCalculator.Calculate([sale], [A.PaymentFor(sale, to, 1_650_000m)], _ => "s", Usd, from, to).Overall;

        Assert.Equal(150_000m, overall.Ar);
        Assert.Equal(1_800_000m, overall.CreditSales);
        Assert.Equal(expected, Math.Round(overall.DsoPeriod!.Value, 1));
        Assert.Equal(150_000m * (to.DayNumber - from.DayNumber) / 1_800_000m, overall.DsoPeriod);
    }

    [Theory]
    [InlineData("2026-06-30", "2026-09-30")]
    [InlineData("2026-09-30", "2026-12-31")]
    [InlineData("2025-12-31", "2026-03-31")]
    public void CeiIsCollectedOverCollectibleGivenAQuarterEndingAtAMonthEnd(string start, string end)
    {
        // Rex's example: beginning AR 400,000, credit sales 1,200,000, ending AR 350,000 of which 280,000 current:
        // (400,000 + 1,200,000 - 350,000) / (400,000 + 1,200,000 - 280,000) = 94.7%.
        var from = Date(start);
        var to = Date(end);
        var owed = A.Invoice("X", from.AddDays(10), 400_000m) with { IssueDate = from.AddDays(-20) };
        var late = A.Invoice("P", to.AddDays(-1), 920_000m) with { IssueDate = from.AddDays(1) };
        var notDue = A.Invoice("Q", to.AddDays(1), 280_000m) with { IssueDate = to };
        Payment[] payments = [A.PaymentFor(owed, to), A.PaymentFor(late, to, 850_000m)];

        var overall = KpiCalculator.Calculate([owed, late, notDue], payments, _ => "s", Usd, from, to).Overall;

        Assert.Equal((400_000m, 1_200_000m, 350_000m, 280_000m), (overall.BeginningAr, overall.CreditSales, overall.Ar, overall.CurrentAr));
        Assert.Equal(94.7m, Math.Round(overall.Cei!.Value, 1));
        var days = to.DayNumber - from.DayNumber;
        Assert.Equal(280_000m * days / 1_200_000m, overall.BestPossibleDso);
        Assert.Equal(Math.Round(70_000m * days / 1_200_000m, 10), Math.Round(overall.AverageDaysDelinquent!.Value, 10));
    }

    [Theory]
    [InlineData("2026-09-30", "2026-09-15", "2026-08-24")]
    [InlineData("2026-10-31", "2026-10-16", "2026-09-24")]
    [InlineData("2026-03-10", "2026-02-23", "2026-02-01")]
    public void AgingPutsEachOpenAmountInTheBucketOfItsDaysPastDueGivenMonthEndsAndFebruary(string end, string due15DaysAgo, string due37DaysAgo)
    {
        // QuickBooks' example: 1,000 not yet due; two invoices of 1,500 together, 15 days past due; 100 that is
        // 37 days past due -> current 1,000, 1-30 1,500, 31-60 100. The dates count February's 28 days.
        var to = Date(end);
        Invoice[] invoices =
        [
            A.Invoice("N", to.AddDays(5), 1_000m),
            A.Invoice("F1", Date(due15DaysAgo), 900m),
            A.Invoice("F2", Date(due15DaysAgo), 600m),
            A.Invoice("L", Date(due37DaysAgo), 100m),
        ];

        var overall = KpiCalculator.Calculate(invoices, [], _ => "s", Usd, to.AddDays(-90), to).Overall;

        Assert.Equal(new AgingDistribution(1_000m, 1_500m, 100m, 0m, 0m), overall.Aging);
        Assert.Equal(4, overall.InvoiceCount);
        Assert.Equal(38.46m, Math.Round(overall.PercentCurrent!.Value, 2));
    }

    /// <summary>One invoice per calendar month, issued on its last day, from the month of <paramref name="end"/> back.</summary>
    private static Invoice[] MonthlySales(DateOnly end, params decimal[] latestFirst)
    {
        var firstOfEndMonth = end.AddDays(1 - end.Day);
        return latestFirst.Select((amount, k) =>
        {
            var lastDay = firstOfEndMonth.AddMonths(-k + 1).AddDays(-1);
            var issued = k == 0 ? end : lastDay;
            return A.Invoice("S" + k.ToString(CultureInfo.InvariantCulture), issued.AddDays(30), amount) with { IssueDate = issued };
        }).ToArray();
    }

    /// <summary>The KPIs when payments on the oldest invoices leave <paramref name="openAr"/> open.</summary>
    private static KpiSnapshot Calculate(Invoice[] sales, decimal openAr, DateOnly from, DateOnly to)
    {
        var toPay = sales.Sum(s => s.Amount) - openAr;
        var payments = new List<Payment>();
        foreach (var invoice in sales.Reverse())
        {
            var amount = Math.Min(toPay, invoice.Amount);
            if (amount > 0m)
            {
                payments.Add(A.PaymentFor(invoice, to, amount));
                toPay -= amount;
            }
        }

        var overall = KpiCalculator.Calculate(sales, [.. payments], _ => "s", Usd, from, to).Overall;
        Assert.Equal(openAr, overall.Ar);
        return overall;
    }

    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);
}
