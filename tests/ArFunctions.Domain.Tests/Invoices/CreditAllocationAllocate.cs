using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Tests.Builders;

namespace ArFunctions.Domain.Tests.Invoices;

public class CreditAllocationAllocate
{
    private static readonly Invoice Oldest = A.Invoice("I-OLD", A.Today.AddDays(-40), 300m);
    private static readonly Invoice Middle = A.Invoice("I-MID", A.Today.AddDays(-10), 500m);
    private static readonly Invoice Newest = A.Invoice("I-NEW", A.Today.AddDays(5), 700m);

    [Fact]
    public void CoversOldestDueDateFirstGivenCreditWithoutInvoice()
    {
        var allocation = CreditAllocation.Allocate([Newest, Middle, Oldest], [A.Credit("CM-1", 600m)], A.Today);

        Assert.Equal(["CM-1 I-OLD 300", "CM-1 I-MID 300"], Describe(allocation));
        Assert.True(allocation.Covers(Oldest));
        Assert.False(allocation.Covers(Middle));
        Assert.Equal(200m, allocation.NetOpen(Middle));
        Assert.Equal(700m, allocation.NetOpen(Newest));
        Assert.Empty(allocation.Unapplied);
    }

    [Fact]
    public void GoesToTheNamedInvoiceFirstGivenAppliesTo()
    {
        var allocation = CreditAllocation.Allocate([Oldest, Middle, Newest], [A.Credit("CM-1", 900m, appliesTo: "I-NEW")], A.Today);

        // The named invoice takes its 700; the other 200 goes oldest first.
        Assert.Equal(["CM-1 I-NEW 700", "CM-1 I-OLD 200"], Describe(allocation));
        Assert.True(allocation.Covers(Newest));
        Assert.Equal(100m, allocation.NetOpen(Oldest));
    }

    [Fact]
    public void KeepsTheRestAsAccountCreditGivenMoreCreditThanOpen()
    {
        var allocation = CreditAllocation.Allocate([Oldest], [A.Credit("CM-1", 250m), A.Credit("CM-2", 100m, on: A.Today.AddDays(-2))], A.Today);

        // CM-2 is older, so it goes first and CM-1 takes what is left of the invoice.
        Assert.Equal(["CM-2 I-OLD 100", "CM-1 I-OLD 200"], Describe(allocation));
        var left = Assert.Single(allocation.Unapplied);
        Assert.Equal(("CM-1", 50m), (left.Id, left.Amount));
        Assert.Equal(0m, allocation.NetOpen(Oldest));
    }

    [Fact]
    public void AllocatesOnlyWithinACurrencyGivenForeignCredit()
    {
        var euros = A.Invoice("I-EUR", A.Today.AddDays(-20), 400m) with { Currency = A.Eur };

        var allocation = CreditAllocation.Allocate([Oldest, euros], [A.Credit("CM-EUR", 500m, currency: A.Eur)], A.Today);

        Assert.Equal(["CM-EUR I-EUR 400"], Describe(allocation));
        Assert.Equal(300m, allocation.NetOpen(Oldest));
        Assert.Equal((A.Eur, 100m), (allocation.Unapplied[0].Currency, allocation.Unapplied[0].Amount));
    }

    [Fact]
    public void SkipsDisputedInvoicesGivenCreditWithoutInvoice()
    {
        var disputed = Oldest with { Dispute = new Dispute("pricing", A.Today.AddDays(-5)) };

        var allocation = CreditAllocation.Allocate([disputed, Middle], [A.Credit("CM-1", 500m), A.Credit("CM-2", 300m, appliesTo: "I-OLD")], A.Today);

        Assert.Equal(["CM-2 I-OLD 300", "CM-1 I-MID 500"], Describe(allocation));
    }

    [Fact]
    public void IgnoresCreditsGivenTheyAreDatedAfterAsOfOrUsedUp()
    {
        var allocation = CreditAllocation.Allocate([Oldest], [A.Credit("CM-LATER", 100m, on: A.Today.AddDays(1)), A.Credit("OP-USED", 0m)], A.Today);

        Assert.Same(CreditAllocation.None, allocation);
        Assert.Equal(300m, allocation.NetOpen(Oldest));
        Assert.False(allocation.Covers(Oldest));
    }

    [Fact]
    public void TakesNothingFromClosedInvoicesGivenAppliesToAPaidOne()
    {
        var paid = Middle.Paid(A.Today.AddDays(-1));

        var allocation = CreditAllocation.Allocate([paid, Oldest], [A.Credit("CM-1", 100m, appliesTo: "I-MID")], A.Today);

        Assert.Equal(["CM-1 I-OLD 100"], Describe(allocation));
    }

    [Fact]
    public void AllocatesTheSameGivenRecordsInAnotherOrder()
    {
        Credit[] credits = [A.Credit("CM-B", 350m), A.Credit("CM-A", 350m), A.Credit("CM-C", 100m, appliesTo: "I-NEW")];

        var forward = CreditAllocation.Allocate([Oldest, Middle, Newest], credits, A.Today);
        var backward = CreditAllocation.Allocate([Newest, Middle, Oldest], [.. credits.Reverse()], A.Today);

        Assert.Equal(Describe(forward), Describe(backward));
        Assert.Equal(["CM-C I-NEW 100", "CM-A I-OLD 300", "CM-A I-MID 50", "CM-B I-MID 350"], Describe(forward));
    }

    private static string[] Describe(CreditAllocation allocation) =>
        [.. allocation.Applications.Select(a => $"{a.CreditId} {a.InvoiceId} {a.Amount:0.##}")];
}
