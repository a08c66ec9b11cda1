using ArFunctions.Domain.Tests.Builders;
using static ArFunctions.Domain.Tests.Builders.FeatureData;

namespace ArFunctions.Domain.Tests.Features;

/// <summary>Balances and aging net of the credits allocated to the invoices; what is left is its own line.</summary>
public partial class FeatureCalculatorCompute
{
    [Fact]
    public void NetsCreditsAgainstTheOldestBucketsGivenCreditWithoutInvoice()
    {
        var invoices = new[] { A.Invoice("I-95", DaysAgo(95), 300m), A.Invoice("I-20", DaysAgo(20), 500m), A.Invoice("I-CUR", DaysAgo(-5), 700m) };

        var features = Compute(invoices, credits: [A.Credit("CM-1", 450m)]);

        Assert.Equal(1050m, features.OpenBalance);
        Assert.Equal(350m, features.OverdueBalance);
        Assert.Equal(0m, features.Aging90Plus);
        Assert.Equal(350m, features.Aging1To30);
        Assert.Equal(700m, features.AgingCurrent);
        Assert.Equal(20, features.DaysPastDueOldest);
        Assert.Equal(2, features.OpenInvoiceCount);
        Assert.Equal(0m, features.CreditBalance);
    }

    [Fact]
    public void KeepsTheLeftoverAsCreditBalanceGivenCreditBeyondTheOpenAmount()
    {
        var features = Compute([A.Invoice("I1", DaysAgo(10), 200m)], credits: [A.Credit("CM-1", 250m), A.Credit("CM-EUR", 100m, currency: A.Eur)]);

        Assert.Equal(0m, features.OpenBalance);
        Assert.Equal(0m, features.OverdueBalance);
        Assert.Equal(0, features.OpenInvoiceCount);
        Assert.Equal(50m + 110m, features.CreditBalance); // the euro credit at the policy's 1.10
    }

    [Fact]
    public void LeavesBalancesAsTheyAreGivenNoCredits()
    {
        var invoices = new[] { A.Invoice("I1", DaysAgo(10), 200m) };

        Assert.Equal(Compute(invoices), Compute(invoices, credits: []));
    }
}
