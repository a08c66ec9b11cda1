using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Kpis;

public class KpiCalculatorCalculate
{
    private static readonly CurrencySettings Usd = new(A.Usd, new Dictionary<CurrencyCode, decimal> { [A.Eur] = 1.1m });

    [Fact]
    public void MatchesTheWorkedExampleOverall()
    {
        var overall = Example().Overall;

        Assert.Equal(KpiExample.From, overall.From);
        Assert.Equal(KpiExample.To, overall.To);
        Assert.Equal(4_500m, overall.BeginningAr);
        Assert.Equal(9_000m, overall.CreditSales);
        Assert.Equal(4_500m, overall.Ar);
        Assert.Equal(1_500m, overall.CurrentAr);
        Assert.Equal(45m, overall.DsoPeriod);
        Assert.Equal(48.5m, overall.DsoCountback);
        Assert.Equal(15m, overall.BestPossibleDso);
        Assert.Equal(30m, overall.AverageDaysDelinquent);
        Assert.Equal(75m, overall.Cei);
        Assert.Equal(new AgingDistribution(1_500m, 1_400m, 0m, 1_000m, 600m), overall.Aging);
        Assert.Equal(33.33m, Round(overall.PercentCurrent));
        Assert.Equal(4, overall.InvoiceCount);
    }

    [Fact]
    public void SplitsTheWorkedExampleBySegment()
    {
        var report = Example();

        Assert.Equal(["key", "standard"], report.BySegment.Keys.Order(StringComparer.Ordinal));
        var standard = report.BySegment["standard"];
        Assert.Equal((3_900m, 3_000m, 1_000m, 0m), (standard.BeginningAr, standard.CreditSales, standard.Ar, standard.CurrentAr));
        Assert.Equal((30m, 0m, 30m), (standard.DsoPeriod, standard.BestPossibleDso, standard.AverageDaysDelinquent));
        Assert.Equal(85.51m, Round(standard.Cei));
        Assert.Equal(69.33m, Round(standard.DsoCountback));
        Assert.Equal(0m, standard.PercentCurrent);
        Assert.Equal(1, standard.InvoiceCount);

        var key = report.BySegment["key"];
        Assert.Equal((600m, 6_000m, 3_500m, 1_500m), (key.BeginningAr, key.CreditSales, key.Ar, key.CurrentAr));
        Assert.Equal((52.5m, 22.5m, 30m), (key.DsoPeriod, key.BestPossibleDso, key.AverageDaysDelinquent));
        Assert.Equal(60.78m, Round(key.Cei));
        Assert.Equal(41.5m, key.DsoCountback);
        Assert.Equal(new AgingDistribution(1_500m, 1_400m, 0m, 0m, 600m), key.Aging);
        Assert.Equal(42.86m, Round(key.PercentCurrent));
        Assert.Equal(3, key.InvoiceCount);
    }

    [Fact]
    public void NetsCreditsAsInTheWorkedExampleGivenACreditMemoInThePeriodAndUnappliedCashBeforeIt()
    {
        Credit[] credits =
        [
            new("CM-1", new CustomerId("C001"), CreditKind.CreditMemo, 500m, A.Usd, new DateOnly(2026, 2, 15)),
            new("UC-1", new CustomerId("C002"), CreditKind.UnappliedCash, 300m, A.Usd, new DateOnly(2025, 12, 20)),
            new("OP-LATER", new CustomerId("C002"), CreditKind.Overpayment, 900m, A.Usd, new DateOnly(2026, 4, 1)),
        ];

        var overall = KpiCalculator.Calculate(KpiExample.Invoices, KpiExample.Payments, KpiExample.SegmentOf, Usd, KpiExample.From, KpiExample.To, credits).Overall;

        Assert.Equal(4_200m, overall.BeginningAr);
        Assert.Equal(8_500m, overall.CreditSales);
        Assert.Equal(3_700m, overall.Ar);
        Assert.Equal(1_500m, overall.CurrentAr);
        Assert.Equal(39.18m, Round(overall.DsoPeriod));
        Assert.Equal(15.88m, Round(overall.BestPossibleDso));
        Assert.Equal(80.36m, Round(overall.Cei));
        Assert.Equal(44.6m, overall.DsoCountback);
        Assert.Equal(new AgingDistribution(1_500m, 1_400m, 0m, 1_000m, 600m, Credits: 800m), overall.Aging);
        Assert.Equal(3_700m, overall.Aging.Net);
        Assert.Equal(33.33m, Round(overall.PercentCurrent));
    }

    [Fact]
    public void ReturnsNullRatiosGivenNoSalesInThePeriod()
    {
        var from = new DateOnly(2026, 1, 31);
        var to = new DateOnly(2026, 3, 31);
        var invoice = A.Invoice("I1", new DateOnly(2026, 2, 9));
        Invoice[] invoices = [invoice with { IssueDate = new DateOnly(2026, 1, 10) }];

        var overall = KpiCalculator.Calculate(invoices, [A.PaymentFor(invoice, new DateOnly(2026, 3, 1), 400m)], _ => "s", Usd, from, to).Overall;

        Assert.Equal(0m, overall.CreditSales);
        Assert.Null(overall.DsoPeriod);
        Assert.Null(overall.BestPossibleDso);
        Assert.Null(overall.AverageDaysDelinquent);
        Assert.Equal(40m, overall.Cei);
        // March and February had no sales (31 + 28 days); January's 1,000 covers the 600 left: 31 x 0.6.
        Assert.Equal(77.6m, overall.DsoCountback);
    }

    [Fact]
    public void ReturnsZerosAndNullsGivenNoInvoices()
    {
        var report = KpiCalculator.Calculate([], [], _ => "s", Usd, KpiExample.From, KpiExample.To);

        Assert.Empty(report.BySegment);
        Assert.Equal(0m, report.Overall.Ar);
        Assert.Equal(0m, report.Overall.DsoCountback);
        Assert.Null(report.Overall.DsoPeriod);
        Assert.Null(report.Overall.Cei);
        Assert.Null(report.Overall.PercentCurrent);
    }

    [Fact]
    public void ConvertsInvoicesAndPaymentsToTheBaseCurrency()
    {
        var invoice = A.Invoice("I1", new DateOnly(2026, 3, 20), 1_000m) with { Currency = A.Eur };

        var overall = KpiCalculator.Calculate([invoice], [A.PaymentFor(invoice, new DateOnly(2026, 3, 25), 200m)], _ => "s", Usd, KpiExample.From, KpiExample.To).Overall;

        Assert.Equal(1_100m, overall.CreditSales);
        Assert.Equal(880m, overall.Ar);
        Assert.Equal(880m, overall.Aging.Days1To30);
    }

    [Fact]
    public void CountsNothingOpenFromThePaidOnDateGivenNoPaymentRecords()
    {
        Invoice[] invoices = [A.Invoice("I1", new DateOnly(2026, 2, 1)).Paid(new DateOnly(2026, 3, 10))];

        var atEnd = KpiCalculator.Calculate(invoices, [], _ => "s", Usd, KpiExample.From, KpiExample.To).Overall;
        var before = KpiCalculator.Calculate(invoices, [], _ => "s", Usd, KpiExample.From, new DateOnly(2026, 3, 9)).Overall;

        Assert.Equal(0m, atEnd.Ar);
        Assert.Equal(1_000m, before.Ar);
    }

    [Fact]
    public void NeverCountsAnInvoiceBelowZeroGivenAnOverpayment()
    {
        var over = A.Invoice("I1", new DateOnly(2026, 3, 1));
        Invoice[] invoices = [over, A.Invoice("I2", new DateOnly(2026, 3, 1))];

        var overall = KpiCalculator.Calculate(invoices, [A.PaymentFor(over, new DateOnly(2026, 3, 2), 1_500m)], _ => "s", Usd, KpiExample.From, KpiExample.To).Overall;

        Assert.Equal(1_000m, overall.Ar);
        Assert.Equal(1, overall.InvoiceCount);
    }

    [Fact]
    public void IgnoresCancelledInvoicesLaterInvoicesAndLaterPayments()
    {
        var kept = A.Invoice("I1", new DateOnly(2026, 3, 1));
        Invoice[] invoices =
        [
            kept,
            A.Invoice("I2", new DateOnly(2026, 3, 1)) with { Status = InvoiceStatus.Cancelled },
            A.Invoice("I3", new DateOnly(2026, 5, 1)) with { IssueDate = new DateOnly(2026, 4, 1) },
        ];

        var overall = KpiCalculator.Calculate(invoices, [A.PaymentFor(kept, new DateOnly(2026, 4, 2))], _ => "s", Usd, KpiExample.From, KpiExample.To).Overall;

        Assert.Equal(1_000m, overall.CreditSales);
        Assert.Equal(1_000m, overall.Ar);
    }

    [Fact]
    public void KeepsOverallEqualToTheSumOfSegmentsAcrossRandomPortfolios()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var (invoices, payments) = RandomPortfolio(seed);

            var report = KpiCalculator.Calculate(invoices, payments, id => "S" + (id.Value[1] % 3), Usd, KpiExample.From, KpiExample.To);

            var segments = report.BySegment.Values.ToArray();
            Assert.True(segments.Sum(s => s.Ar) == report.Overall.Ar, $"seed {seed}");
            Assert.True(segments.Sum(s => s.CreditSales) == report.Overall.CreditSales, $"seed {seed}");
            Assert.True(segments.Sum(s => s.BeginningAr) == report.Overall.BeginningAr, $"seed {seed}");
            Assert.True(report.Overall.Aging.Total == report.Overall.Ar, $"seed {seed}");
            Assert.True(report.Overall.Ar == 0m || report.Overall.DsoCountback is > 0m, $"seed {seed}");
            Assert.True(report.Overall.Cei is null or >= 0m and <= 100m, $"seed {seed}: CEI {report.Overall.Cei}");
        }
    }

    [Fact]
    public void GivesTheSameReportGivenTotalsOfShardsMergedAcrossRandomPortfolios()
    {
        for (var seed = 0; seed < 100; seed++)
        {
            var (invoices, payments) = RandomPortfolio(seed);
            Func<ArFunctions.Domain.Common.CustomerId, string> segmentOf = id => "S" + (id.Value[1] % 3);
            Func<ArFunctions.Domain.Common.CustomerId, int> shardOf = id => id.Value[1] % 4;

            var whole = KpiCalculator.Calculate(invoices, payments, segmentOf, Usd, KpiExample.From, KpiExample.To);
            var shardTotals = Enumerable.Range(0, 4).SelectMany(shard => KpiCalculator.Totals(
                invoices.Where(i => shardOf(i.CustomerId) == shard).ToArray(),
                payments.Where(p => shardOf(p.CustomerId) == shard).ToArray(),
                segmentOf, Usd, KpiExample.From, KpiExample.To));
            var merged = KpiCalculator.Report(shardTotals, KpiExample.From, KpiExample.To);

            Assert.True(whole.Overall == merged.Overall, $"seed {seed}");
            Assert.Equal(whole.BySegment.Keys.Order(), merged.BySegment.Keys.Order());
            Assert.All(whole.BySegment, s => Assert.Equal(s.Value, merged.BySegment[s.Key]));
        }
    }

    [Fact]
    public void ThrowsGivenAPeriodThatEndsBeforeItStarts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiCalculator.Calculate([], [], _ => "s", Usd, KpiExample.To, KpiExample.From));
    }

    /// <summary>Up to 60 invoices of 8 customers due around the example period, about half with a payment.</summary>
    private static (Invoice[] Invoices, Payment[] Payments) RandomPortfolio(int seed)
    {
        var random = new Random(seed);
        var invoices = Enumerable.Range(0, random.Next(0, 60))
            .Select(i => A.Invoice("I" + i, KpiExample.To.AddDays(random.Next(-200, 40)), random.Next(1, 50) * 100m, "C" + random.Next(8)))
            .ToArray();
        var payments = invoices.Where(_ => random.Next(2) == 0)
            .Select(inv => A.PaymentFor(inv, inv.IssueDate.AddDays(random.Next(0, 120)), random.Next(0, 60) * 100m))
            .ToArray();
        return (invoices, payments);
    }

    private static KpiReport Example() =>
        KpiCalculator.Calculate(KpiExample.Invoices, KpiExample.Payments, KpiExample.SegmentOf, Usd, KpiExample.From, KpiExample.To);

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 2) : null;
}
