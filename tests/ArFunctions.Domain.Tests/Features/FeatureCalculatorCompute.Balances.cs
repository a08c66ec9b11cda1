using ArFunctions.Domain.Common;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.FeatureData;

namespace ArFunctions.Domain.Tests.Features;

public partial class FeatureCalculatorCompute
{
    [Fact]
    public void SplitsOpenAmountIntoAgingBucketsGivenDaysPastDue()
    {
        var due = new (int DaysPastDue, decimal Amount)[]
        {
            (-5, 100m), (0, 200m), (1, 300m), (30, 400m), (31, 500m), (60, 600m), (61, 700m), (90, 800m), (91, 900m),
        };
        var invoices = due.Select((d, i) => A.Invoice("I" + i, DaysAgo(d.DaysPastDue), d.Amount)).ToArray();

        var features = Compute(invoices);

        Assert.Equal(4500m, features.OpenBalance);
        Assert.Equal(4200m, features.OverdueBalance);
        Assert.Equal(300m, features.AgingCurrent);
        Assert.Equal(700m, features.Aging1To30);
        Assert.Equal(1100m, features.Aging31To60);
        Assert.Equal(1500m, features.Aging61To90);
        Assert.Equal(900m, features.Aging90Plus);
        Assert.Equal(91, features.DaysPastDueOldest);
        Assert.Equal(9, features.OpenInvoiceCount);
    }

    [Fact]
    public void ReportsNothingOverdueGivenOnlyCurrentInvoices()
    {
        var features = Compute([A.Invoice("I1", DaysAgo(-10))]);

        Assert.Equal(1000m, features.OpenBalance);
        Assert.Equal(0m, features.OverdueBalance);
        Assert.Equal(0, features.DaysPastDueOldest);
    }

    [Fact]
    public void IgnoresInvoicesGivenIssuedAfterAsOf()
    {
        var issuedTomorrow = A.Invoice("I1", DaysAgo(-31));

        var features = Compute([issuedTomorrow]);

        Assert.Equal(0m, features.OpenBalance);
        Assert.Equal(0, features.OpenInvoiceCount);
        Assert.Equal(0m, features.Revenue12m);
    }

    [Fact]
    public void ConvertsAmountsToBaseCurrencyGivenEuroInvoiceAndPayment()
    {
        var invoice = A.Invoice("I1", DaysAgo(10)) with { Currency = A.Eur };
        var payment = A.PaymentFor(invoice, DaysAgo(5), 400m);

        var features = Compute([invoice], [payment]);

        Assert.Equal(660m, features.OpenBalance);
        Assert.Equal(660m, features.Aging1To30);
        Assert.Equal(1100m, features.Revenue12m);
    }

    [Fact]
    public void UsesOpenAmountAsGivenWithoutPayments()
    {
        var invoice = A.Invoice("I1", DaysAgo(10)) with { OpenAmount = 400m };

        Assert.Equal(400m, Compute([invoice]).OpenBalance);
    }

    [Fact]
    public void ReopensPaidInvoiceGivenPaymentsAfterAsOf()
    {
        var invoice = A.Invoice("I1", DaysAgo(10)).Paid(DaysAgo(-5));
        var payments = new[] { A.PaymentFor(invoice, DaysAgo(3), 300m), A.PaymentFor(invoice, DaysAgo(-5), 700m) };

        var features = Compute([invoice], payments);

        Assert.Equal(700m, features.OpenBalance);
        Assert.Equal(700m, features.OverdueBalance);
        Assert.Equal(1, features.OpenInvoiceCount);
        Assert.True(double.IsNaN(features.AvgDaysToPay));
    }

    [Fact]
    public void ReopensPaidInvoiceForWholeAmountGivenPaidAfterAsOfWithoutPayments()
    {
        var invoice = A.Invoice("I1", DaysAgo(10)).Paid(DaysAgo(-1));

        Assert.Equal(1000m, Compute([invoice]).OpenBalance);
    }

    [Fact]
    public void ClosesOpenInvoiceGivenPaymentsCoveringItByAsOf()
    {
        var invoice = A.Invoice("I1", DaysAgo(10));
        var payments = new[] { A.PaymentFor(invoice, DaysAgo(4), 600m), A.PaymentFor(invoice, DaysAgo(2), 400m) };

        var features = Compute([invoice], payments);

        Assert.Equal(0m, features.OpenBalance);
        Assert.Equal(0, features.OpenInvoiceCount);
        Assert.Equal(38, features.AvgDaysToPay);
        Assert.Equal(8, features.AvgDaysLate);
    }

    [Fact]
    public void AppliesEachPaymentToItsOwnInvoiceGivenIdsThatShareTheirHash()
    {
        // The payment index buckets by IdHash (length and last eight characters): these ids share a bucket.
        var paid = A.Invoice("A-INV-00001234", DaysAgo(10));
        var open = A.Invoice("B-INV-00001234", DaysAgo(10));

        var features = Compute([paid, open], [A.PaymentFor(paid, DaysAgo(2), 1000m)]);

        Assert.Equal(1000m, features.OpenBalance);
        Assert.Equal(1, features.OpenInvoiceCount);
    }

    [Theory]
    [InlineData(InvoiceStatus.Cancelled)]
    [InlineData(InvoiceStatus.WrittenOff)]
    public void LeavesInvoiceOutOfBalanceGivenClosedStatus(InvoiceStatus status)
    {
        var invoice = A.Invoice("I1", DaysAgo(10)) with { Status = status };

        var features = Compute([invoice]);

        Assert.Equal(0m, features.OpenBalance);
        Assert.Equal(0, features.OpenInvoiceCount);
    }

    [Fact]
    public void CountsOnlyDisputesOpenOnAsOfGivenCollectibleInvoices()
    {
        var invoices = new[]
        {
            A.Invoice("I1", DaysAgo(10), 500m) with { Dispute = new Dispute("pricing", DaysAgo(3)) },
            A.Invoice("I2", DaysAgo(10)) with { Dispute = new Dispute("pricing", DaysAgo(9), Resolved: DaysAgo(1)) },
            A.Invoice("I3", DaysAgo(10)) with { Dispute = new Dispute("pricing", DaysAgo(-1)) },
            A.Invoice("I4", DaysAgo(10)).Paid(DaysAgo(2)) with { Dispute = new Dispute("pricing", DaysAgo(3)) },
            A.Invoice("I5", DaysAgo(10), 200m) with { Dispute = new Dispute("pricing", DaysAgo(9), Resolved: A.Today.AddDays(1)) },
        };

        var features = Compute(invoices);

        Assert.Equal(2, features.DisputeCount);
        Assert.Equal(700m, features.DisputedBalance);
    }

    [Fact]
    public void MatchesNaiveOpenBalanceGivenManyShuffledPayments()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var invoices = Enumerable.Range(0, 200)
                .Select(i => A.Invoice("I" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture), DaysAgo(random.Next(-20, 100)), random.Next(1, 50) * 100m))
                .ToArray();
            var payments = Enumerable.Range(0, 200)
                .Select(p => invoices[random.Next(invoices.Length)])
                .Select((invoice, p) => A.PaymentFor(invoice, DaysAgo(random.Next(-30, 30)), random.Next(1, 20) * 100m, "P" + p))
                .ToArray();

            var expected = invoices.Where(i => i.IssueDate <= A.Today).Sum(i =>
                Math.Max(0m, i.Amount - payments.Where(p => p.InvoiceId == i.Id && p.Date <= A.Today).Sum(p => p.Amount)));

            Assert.Equal(expected, Compute(invoices, payments).OpenBalance);
        }
    }

    [Fact]
    public void OrdersAnInvoicesPaymentsByDateGivenThemListedOutOfOrder()
    {
        // In date order, I1 is covered 5 days ago (400 + 300 + 300); listed first to last it would be 20 days ago,
        // last to first 3 days ago.
        var i1 = A.Invoice("I1", DaysAgo(30));
        var i2 = A.Invoice("I2", DaysAgo(5));
        var payments = new[]
        {
            A.PaymentFor(i1, DaysAgo(10), 300m),
            A.PaymentFor(i1, DaysAgo(3), 500m),
            A.PaymentFor(i2, DaysAgo(1), 250m) with { InvoiceId = new InvoiceId(new string(['I', '2'])) },
            A.PaymentFor(i1, DaysAgo(20), 400m) with { InvoiceId = new InvoiceId(new string(['I', '1'])) },
            A.PaymentFor(i1, DaysAgo(5), 300m),
        };

        var features = Compute([i1, i2], payments);

        Assert.Equal(750m, features.OpenBalance);
        Assert.Equal(55, features.AvgDaysToPay);
        Assert.Equal(25, features.AvgDaysLate);
    }

    [Fact]
    public void AllocatesNothingGivenWarmCalls()
    {
        var invoices = Enumerable.Range(0, 50).Select(i => A.Invoice("I" + i, DaysAgo(i * 3))).ToArray();
        var payments = invoices.Where((_, i) => i % 2 == 0).Select(i => A.PaymentFor(i, DaysAgo(1), 300m)).Reverse().ToArray();
        var interactions = new[] { Call(3, InteractionOutcome.NoAnswer) };
        var customer = A.Customer();
        FeatureCalculator.Compute(customer, invoices, payments, interactions, A.Today, Currency);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            FeatureCalculator.Compute(customer, invoices, payments, interactions, A.Today, Currency);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
