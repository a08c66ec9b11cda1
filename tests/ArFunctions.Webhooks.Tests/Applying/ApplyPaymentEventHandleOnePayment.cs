using ArFunctions.Application.Access;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;
using static ArFunctions.Webhooks.Tests.Builders.StripeEvents;

namespace ArFunctions.Webhooks.Tests.Applying;

/// <summary>
/// One Stripe payment reported by several events, built with Stripe.net in the current and the older shape, sent
/// signed through <see cref="ReceiveWebhook"/> and applied from the queue in both orders: applied once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class ApplyPaymentEventHandleOnePayment(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Pairs of events of one payment of 1,000.00 on INV-1 (2,000.00).</summary>
    public static TheoryData<string, bool> Pairs()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in PairBodies.Keys)
        {
            data.Add(name, false);
            data.Add(name, true);
        }

        return data;
    }

    private static readonly Dictionary<string, string[]> PairBodies = new(StringComparer.Ordinal)
    {
        ["invoice.paid (current) + payment_intent.succeeded"] =
            [Invoice("evt_inv", "invoice.paid", "INV-1", 100000, InvoiceShape.Current), PaymentIntentSucceeded("evt_pi", "pi_1", 100000, "INV-1")],
        ["invoice.paid (current, payments expanded) + payment_intent.succeeded"] =
            [Invoice("evt_inv", "invoice.paid", "INV-1", 100000, InvoiceShape.CurrentExpanded), PaymentIntentSucceeded("evt_pi", "pi_1", 100000, "INV-1")],
        ["invoice.paid (older) + payment_intent.succeeded"] =
            [Invoice("evt_inv", "invoice.paid", "INV-1", 100000, InvoiceShape.Older), PaymentIntentSucceeded("evt_pi", "pi_1", 100000, "INV-1")],
        ["invoice.payment_succeeded (current) + charge.succeeded"] =
            [Invoice("evt_inv", "invoice.payment_succeeded", "INV-1", 100000, InvoiceShape.Current), ChargeSucceeded("evt_ch", "ch_1", "pi_1", 100000, "INV-1")],
        ["invoice.payment_succeeded (older) + charge.succeeded"] =
            [Invoice("evt_inv", "invoice.payment_succeeded", "INV-1", 100000, InvoiceShape.Older), ChargeSucceeded("evt_ch", "ch_1", "pi_1", 100000, "INV-1")],
        ["payment_intent.succeeded + charge.succeeded"] =
            [PaymentIntentSucceeded("evt_pi", "pi_1", 100000, "INV-1"), ChargeSucceeded("evt_ch", "ch_1", "pi_1", 100000, "INV-1")],
        ["invoice.paid (current) + invoice.payment_succeeded (current)"] =
            [Invoice("evt_inv", "invoice.paid", "INV-1", 100000, InvoiceShape.Current), Invoice("evt_inv2", "invoice.payment_succeeded", "INV-1", 100000, InvoiceShape.Current)],
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task AppliesOnceGivenTwoEventsOfOnePayment(string pair, bool reversed)
    {
        var h = await WithInvoiceAsync();
        var bodies = reversed ? PairBodies[pair].Reverse().ToArray() : PairBodies[pair];

        foreach (var body in bodies)
        {
            Assert.IsType<ReceiveResult.Accepted>(await Send.StripeAsync(h, body));
            await h.DrainAsync();
        }

        await AssertCarriesAsync(h, 1000m);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppliesOnceGivenBothEventsDeliveredBeforeEitherIsApplied(bool reversed)
    {
        var h = await WithInvoiceAsync();
        string[] bodies = [Invoice("evt_inv", "invoice.paid", "INV-1", 100000, InvoiceShape.Current), PaymentIntentSucceeded("evt_pi", "pi_1", 100000, "INV-1")];

        foreach (var body in reversed ? bodies.Reverse() : bodies)
        {
            await Send.StripeAsync(h, body);
        }

        await h.DrainAsync();
        await AssertCarriesAsync(h, 1000m);
    }

    [Theory]
    [InlineData(InvoiceShape.Current)]
    [InlineData(InvoiceShape.Older)]
    public async Task AppliesOnceGivenBothEventsHandledAtOnceFourTimesEach(InvoiceShape shape)
    {
        var h = await WithInvoiceAsync();
        await Send.StripeAsync(h, Invoice("evt_inv", "invoice.paid", "INV-1", 100000, shape));
        await Send.StripeAsync(h, PaymentIntentSucceeded("evt_pi", "pi_1", 100000, "INV-1"));
        var messages = h.Queue.Sent.Select(m => (PaymentEventMessage)m.Message).ToList();

        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => messages).Select(m => Task.Run(() => h.Apply.HandleAsync(m, None))));

        await AssertCarriesAsync(h, 1000m);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task AppliesEveryPaymentGivenTwoPaymentsAndTheInvoiceTotalInAnyOrder(int totalAt)
    {
        var h = await WithInvoiceAsync();
        var bodies = new List<string> { PaymentIntentSucceeded("evt_pi1", "pi_1", 100000, "INV-1"), PaymentIntentSucceeded("evt_pi2", "pi_2", 50000, "INV-1") };
        bodies.Insert(totalAt, Invoice("evt_inv", "invoice.paid", "INV-1", 150000, InvoiceShape.Current));

        foreach (var body in bodies)
        {
            await Send.StripeAsync(h, body);
            await h.DrainAsync();
        }

        await AssertCarriesAsync(h, 1500m);
    }

    [Fact]
    public async Task TopsUpToTheLatestTotalGivenCumulativeInvoiceTotalsOutOfOrder()
    {
        var h = await WithInvoiceAsync();

        await Send.StripeAsync(h, Invoice("evt_t2", "invoice.payment_succeeded", "INV-1", 150000, InvoiceShape.Current));
        await Send.StripeAsync(h, Invoice("evt_t1", "invoice.payment_succeeded", "INV-1", 50000, InvoiceShape.Current));
        await h.DrainAsync();

        await AssertCarriesAsync(h, 1500m);
    }

    [Fact]
    public async Task AbsorbsTheLaterPaymentWithoutACreditGivenATotalThatPaidTheInvoiceInFull()
    {
        var h = await WithInvoiceAsync();

        await Send.StripeAsync(h, Invoice("evt_inv", "invoice.paid", "INV-1", 200000, InvoiceShape.Current));
        await h.DrainAsync();
        await Send.StripeAsync(h, PaymentIntentSucceeded("evt_pi", "pi_1", 200000, "INV-1"));
        await h.DrainAsync();

        var invoice = await InvoiceAsync(h);
        Assert.Equal((InvoiceStatus.Paid, 0m), (invoice.Status, invoice.OpenAmount));
        Assert.Equal(2000m, (await h.PaymentsAsync()).Sum(p => p.Amount));
        Assert.Empty(await h.Credits.StreamCustomerAsync(new CustomerId("C1"), None).ToListAsync());
    }

    [Fact]
    public async Task ReopensTheRefundGivenARefundOfAPaymentTheInvoiceTotalHadCounted()
    {
        var h = await WithInvoiceAsync();

        await Send.StripeAsync(h, Invoice("evt_inv", "invoice.paid", "INV-1", 100000, InvoiceShape.Current));
        await Send.StripeAsync(h, ChargeSucceeded("evt_ch", "ch_1", "pi_1", 100000, "INV-1"));
        await Send.StripeAsync(h, ChargeRefunded("evt_ref", "ch_1", "pi_1", 100000, 40000));
        await h.DrainAsync();

        Assert.Equal(1400m, (await InvoiceAsync(h)).OpenAmount);
    }

    [Fact]
    public async Task IgnoresTheChargeGivenAnAuthorizationNotYetCaptured()
    {
        var h = await WithInvoiceAsync();

        await Send.StripeAsync(h, ChargeSucceeded("evt_auth", "ch_1", "pi_1", 100000, "INV-1", captured: false));
        var outcomes = await h.DrainAsync();

        Assert.Empty(outcomes);
        Assert.Equal(2000m, (await InvoiceAsync(h)).OpenAmount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppliesOnceGivenBothEventsParkedBeforeTheInvoiceExistedAndEachResolvedByHand(bool reversed)
    {
        var h = new WebhookHarness(azurite);
        string[] bodies = [Invoice("evt_inv", "invoice.paid", "INV-1", 100000, InvoiceShape.Current), PaymentIntentSucceeded("evt_pi", "pi_1", 100000, "INV-1")];
        foreach (var body in bodies)
        {
            await Send.StripeAsync(h, body);
        }

        await h.DrainAsync();
        var parked = await h.Unmatched.ListAsync(None);
        Assert.Equal(2, parked.Count);
        await h.Invoices.UpsertAsync([Send.Invoice("INV-1", "C1", 2000m)], None);

        foreach (var row in reversed ? parked.Reverse() : parked)
        {
            Assert.Equal(ResolveOutcome.Resolved, (await h.Unmatched.ResolveAsync(row.UnmatchedId, "INV-1", Caller.Machine("erp"), None)).Outcome);
        }

        await AssertCarriesAsync(h, 1000m);
    }

    private static async Task AssertCarriesAsync(WebhookHarness h, decimal paid)
    {
        var invoice = await InvoiceAsync(h);
        Assert.Equal((InvoiceStatus.Open, 2000m - paid), (invoice.Status, invoice.OpenAmount));
        Assert.Equal(paid, (await h.PaymentsAsync()).Sum(p => p.Amount));
    }

    private async Task<WebhookHarness> WithInvoiceAsync()
    {
        var h = new WebhookHarness(azurite);
        await h.Invoices.UpsertAsync([Send.Invoice("INV-1", "C1", 2000m)], None);
        return h;
    }

    private static async Task<Invoice> InvoiceAsync(WebhookHarness h) => (await h.Invoices.FindAsync(new InvoiceId("INV-1"), None))!;
}
