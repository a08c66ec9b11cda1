using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.FeatureData;

namespace ArFunctions.Domain.Tests.Features;

public partial class FeatureCalculatorCompute
{
    [Fact]
    public void AveragesPaymentHistoryGivenInvoicesPaidInLastYear()
    {
        // I1: 40 days to pay, 10 late, paid 20 days ago. I2: 25 days to pay, early, 100 days ago. I3: paid too long ago.
        var invoices = new[]
        {
            PaidInvoice("I1", issuedDaysAgo: 60, paidDaysAgo: 20, amount: 1000m),
            PaidInvoice("I2", issuedDaysAgo: 125, paidDaysAgo: 100, amount: 3000m),
            PaidInvoice("I3", issuedDaysAgo: 500, paidDaysAgo: 365, amount: 9000m),
        };

        var features = Compute(invoices);

        Assert.Equal(32.5, features.AvgDaysToPay);
        Assert.Equal(2.5, features.AvgDaysLate);
        Assert.Equal(0.5, features.LatePaymentShare);
        Assert.Equal(10, features.Trend);
    }

    [Fact]
    public void SplitsTrendWindowsAtNinetyDays()
    {
        var invoices = new[]
        {
            PaidInvoice("I1", issuedDaysAgo: 123, paidDaysAgo: 89),
            PaidInvoice("I2", issuedDaysAgo: 122, paidDaysAgo: 90),
            PaidInvoice("I3", issuedDaysAgo: 400, paidDaysAgo: 364, amount: 3000m),
        };

        var features = Compute(invoices);

        Assert.Equal(4 - ((2.0 * 1000) + (6 * 3000)) / 4000, features.Trend, 10);
        Assert.Equal((4.0 * 1000 + 2 * 1000 + 6 * 3000) / 5000, features.AvgDaysLate, 10);
    }

    [Fact]
    public void ReportsMissingTrendGivenOnlyRecentPayments()
    {
        var features = Compute([PaidInvoice("I1", issuedDaysAgo: 60, paidDaysAgo: 20)]);

        Assert.Equal(10, features.AvgDaysLate);
        Assert.True(double.IsNaN(features.Trend));
    }

    [Fact]
    public void ReportsMissingTrendGivenOnlyOlderPayments()
    {
        var features = Compute([PaidInvoice("I1", issuedDaysAgo: 160, paidDaysAgo: 120)]);

        Assert.Equal(10, features.AvgDaysLate);
        Assert.True(double.IsNaN(features.Trend));
    }

    [Fact]
    public void ReportsMissingHistoryGivenNothingPaid()
    {
        var features = Compute([A.Invoice("I1", DaysAgo(5))]);

        Assert.True(double.IsNaN(features.AvgDaysToPay));
        Assert.True(double.IsNaN(features.AvgDaysLate));
        Assert.True(double.IsNaN(features.LatePaymentShare));
        Assert.True(double.IsNaN(features.Trend));
    }

    [Fact]
    public void CountsRevenueAndOrdersGivenInvoicesIssuedInLastYear()
    {
        var invoices = new[]
        {
            A.Invoice("I1", DaysAgo(-30), 1000m),
            A.Invoice("I2", DaysAgo(364 - 30), 2000m).Paid(DaysAgo(300)),
            A.Invoice("I3", DaysAgo(365 - 30), 4000m).Paid(DaysAgo(300)),
            A.Invoice("I4", DaysAgo(10), 8000m) with { Status = InvoiceStatus.Cancelled },
        };

        var features = Compute(invoices);

        Assert.Equal(3000m, features.Revenue12m);
        Assert.Equal(2 / 12.0, features.OrderFrequency);
    }

    [Fact]
    public void CountsBrokenPromisesGivenPromisesPastTheirDate()
    {
        var promise = new PaymentPromise(DaysAgo(5), 500m, DaysAgo(20));
        var invoices = new[]
        {
            A.Invoice("I1", DaysAgo(30)) with { Promise = promise },
            A.Invoice("I2", DaysAgo(30)) with { Promise = promise with { Date = A.Today } },
            A.Invoice("I3", DaysAgo(30)) with { Promise = promise },
            A.Invoice("I4", DaysAgo(30)) with { Promise = promise },
            A.Invoice("I5", DaysAgo(30)) with { Promise = promise },
            A.Invoice("I6", DaysAgo(500)) with { Promise = new PaymentPromise(DaysAgo(365), 500m, DaysAgo(380)) },
            A.Invoice("I7", DaysAgo(30)).Paid(DaysAgo(5)) with { Promise = promise },
            A.Invoice("I8", DaysAgo(30)).Paid(DaysAgo(4)) with { Promise = promise },
            A.Invoice("I9", DaysAgo(30)) with { Promise = promise },
        };
        var payments = new[]
        {
            A.PaymentFor(invoices[2], DaysAgo(20), 200m),
            A.PaymentFor(invoices[2], DaysAgo(5), 300m),
            A.PaymentFor(invoices[3], DaysAgo(10), 300m),
            A.PaymentFor(invoices[4], DaysAgo(4), 500m),
            A.PaymentFor(invoices[8], DaysAgo(21), 500m),
        };

        // Broken: I1 (nothing paid), I4 (300 of 500), I5 (paid a day late), I8 (paid in full a day late),
        // I9 (paid before the promise was made, which does not count towards it).
        Assert.Equal(5, Compute(invoices, payments).BrokenPromises);
    }

    [Fact]
    public void MeasuresDifficultyGivenCallsOfLastNinetyDays()
    {
        var interactions = new[]
        {
            Call(0, InteractionOutcome.NoAnswer),
            Call(10, InteractionOutcome.Reached),
            Call(50, InteractionOutcome.Voicemail),
            Call(89, InteractionOutcome.Refused),
            Call(90, InteractionOutcome.NoAnswer),
            Call(-1, InteractionOutcome.NoAnswer),
            new Interaction(A.Customer().Id, DaysAgo(3), InteractionKind.Email, InteractionOutcome.NoAnswer),
        };

        Assert.Equal(0.75, Compute([], interactions: interactions).InteractionDifficulty);
    }

    [Fact]
    public void ReportsMissingDifficultyGivenNoCalls() => Assert.True(double.IsNaN(Compute([]).InteractionDifficulty));

    [Fact]
    public void CopiesCustomerFacts()
    {
        var customer = A.Customer() with
        {
            CreditScore = 70,
            RiskClass = RiskClass.High,
            PaymentMethod = PaymentMethod.DirectDebit,
            InvoicingMode = InvoicingMode.Portal,
            CreditTermsDays = 45,
            MarginPct = 12.5m,
            Country = "DE",
            Industry = "retail",
            Type = "smb",
            Excluded = true,
        };

        var features = Compute([], customer: customer);

        Assert.Equal(customer.Id, features.CustomerId);
        Assert.Equal(A.Today, features.AsOf);
        Assert.Equal(70, features.CreditScore);
        Assert.Equal(RiskClass.High, features.RiskClass);
        Assert.Equal(PaymentMethod.DirectDebit, features.PaymentMethod);
        Assert.Equal(InvoicingMode.Portal, features.InvoicingMode);
        Assert.Equal(45, features.CreditTermsDays);
        Assert.Equal(12.5, features.MarginPct);
        Assert.Equal(("DE", "retail", "smb"), (features.Country, features.Industry, features.CustomerType));
        Assert.True(features.Excluded);
        Assert.Equal(2518, features.TenureDays);
        Assert.Equal(0, features.BalanceRank);
    }

    [Fact]
    public void ReportsMissingCreditScoreGivenUnknownScore()
    {
        var features = Compute([], customer: A.Customer() with { CreditScore = null, RiskClass = RiskClass.Low });

        // Unknown credit -> 50 x 0.4 = 20; low -> 0; no payment history, lateness unknown -> 50 x 0.2 = 10.
        Assert.True(double.IsNaN(features.CreditScore));
        Assert.Equal(30, features.RiskScore, 10);
    }

    [Fact]
    public void DerivesRiskScoreGivenLatenessAndBrokenPromise()
    {
        // Credit 70 -> 30 x 0.4 = 12; medium -> 33.3 x 0.3 = 10; 15 days late -> 50 x 0.2 = 10; 1 broken -> 33.3 x 0.1.
        var invoices = new[]
        {
            PaidInvoice("I1", issuedDaysAgo: 60, paidDaysAgo: 15),
            A.Invoice("I2", DaysAgo(30)) with { Promise = new PaymentPromise(DaysAgo(5), 500m, DaysAgo(20)) },
        };

        Assert.Equal(32 + 10 / 3.0, Compute(invoices).RiskScore, 10);
    }
}
