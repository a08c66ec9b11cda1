using ArFunctions.Application.Access;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Applying;

[Collection(AzuriteCollection.Name)]
public class ApplyPaymentEventHandle(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task AppliesOnceGivenTheSameEventDeliveredThreeTimes()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        var body = Send.StripeInvoicePaid("evt_1", "INV-1", 4000);

        for (var i = 0; i < 3; i++)
        {
            await Send.StripeAsync(h, body);
            await h.DrainAsync();
        }

        await h.Apply.HandleAsync(new PaymentEventMessage("stripe", "evt_1"), None);
        Assert.Equal(60m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
        Assert.Equal(40m, Assert.Single(await PaymentsAsync(h)).Amount);
    }

    [Fact]
    public async Task AppliesOnceGivenFiveConcurrentHandlersOfOneEvent()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_c", "INV-1", 2500));
        var message = new PaymentEventMessage("stripe", "evt_c");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => h.Apply.HandleAsync(message, None)));

        Assert.Equal(75m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
        Assert.Equal(25m, Assert.Single(await PaymentsAsync(h)).Amount);
    }

    [Fact]
    public async Task AppliesOnceGivenEightConcurrentDeliveriesOnThreadPool()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_8", "INV-1", 4000));
        var message = new PaymentEventMessage("stripe", "evt_8");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => h.Apply.HandleAsync(message, None))));

        Assert.All(outcomes, o => Assert.Contains(o, new[] { ApplyOutcome.Applied, ApplyOutcome.AlreadyApplied }));
        Assert.Equal(60m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
        Assert.Equal(40m, Assert.Single(await PaymentsAsync(h)).Amount);
    }

    [Fact]
    public async Task AppliesOnceGivenBothEventsOfOnePaymentHandledAtOnce()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_inv2", "INV-1", 3000, paymentIntent: "pi_twice"));
        await Send.StripeAsync(h, Send.StripeEvent("evt_pi2", "payment_intent.succeeded", """{"id":"pi_twice","amount_received":3000,"currency":"eur","metadata":{"invoice_id":"INV-1"}}"""));
        var messages = new[] { new PaymentEventMessage("stripe", "evt_inv2"), new PaymentEventMessage("stripe", "evt_pi2") };

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => h.Apply.HandleAsync(messages[i % 2], None))));

        Assert.Equal(70m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
        Assert.Equal(30m, Assert.Single(await PaymentsAsync(h)).Amount);
    }

    [Fact]
    public async Task AppliesBothGivenTwoPaymentsOfOneInvoiceAtOnce()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_a", "INV-1", 3000, paymentIntent: "pi_a"));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_b", "INV-1", 2000, paymentIntent: "pi_b"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => h.Apply.HandleAsync(new PaymentEventMessage("stripe", i % 2 == 0 ? "evt_a" : "evt_b"), None))));

        Assert.Equal(50m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
        Assert.Equal([20m, 30m], (await PaymentsAsync(h)).Select(p => p.Amount).Order());
    }

    [Fact]
    public async Task AppliesOnceGivenInvoicePaidAndPaymentIntentOfOnePayment()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_inv", "INV-1", 3000, paymentIntent: "pi_same"));
        await Send.StripeAsync(h, Send.StripeEvent("evt_pi", "payment_intent.succeeded", """{"id":"pi_same","amount_received":3000,"currency":"eur","metadata":{"invoice_id":"INV-1"}}"""));

        await h.DrainAsync();

        Assert.Equal(70m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
    }

    [Fact]
    public async Task MarksPaidAndSkipsPendingActionsGivenFullPayment()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m), Send.Invoice("INV-2", "C1", 50m));
        var shard = h.Sharding.ShardOf(new CustomerId("C1"));
        await h.Shards.AddActionsAsync(shard, Send.Today, [Action("a-paid", "INV-1"), Action("a-both", "INV-1", "INV-2")], None);

        await Send.StandardAsync(h, "msg_full", Send.Payment("payment.succeeded", "pay-full", 100m, "EUR", ("INV-1", 100m)));
        await h.DrainAsync();

        var invoice = await InvoiceAsync(h, "INV-1");
        Assert.Equal((InvoiceStatus.Paid, 0m, (DateOnly?)new DateOnly(2026, 11, 1)), (invoice.Status, invoice.OpenAmount, invoice.PaidOn));
        var paid = (await h.Shards.GetActionAsync(shard, "a-paid", None))!;
        Assert.Equal((ActionStatus.Skipped, "paid"), (paid.Status, paid.StatusReason));
        Assert.Equal(ActionStatus.Planned, (await h.Shards.GetActionAsync(shard, "a-both", None))!.Status);
    }

    [Fact]
    public async Task SkipsPendingActionsPlannedUpToAWeekBeforeThePaymentGivenFullPayment()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        var shard = h.Sharding.ShardOf(new CustomerId("C1"));
        // The payment is dated 2026-11-01; its actions' messages live seven days, so 2026-10-25 is the oldest still pending.
        var weekBefore = PlannedAction.IdDay(new DateOnly(2026, 10, 25)) + "-C1-email";
        var sameDay = PlannedAction.IdDay(new DateOnly(2026, 11, 1)) + "-C1-call";
        await h.Shards.AddActionsAsync(shard, Send.Today, [Action(weekBefore, "INV-1"), Action(sameDay, "INV-1")], None);

        await Send.StandardAsync(h, "msg_week", Send.Payment("payment.succeeded", "pay-week", 100m, "EUR", ("INV-1", 100m)));
        await h.DrainAsync();

        Assert.Equal(ActionStatus.Skipped, (await h.Shards.GetActionAsync(shard, weekBefore, None))!.Status);
        Assert.Equal(ActionStatus.Skipped, (await h.Shards.GetActionAsync(shard, sameDay, None))!.Status);
    }

    [Fact]
    public async Task ReducesOpenAmountAndKeepsActionsGivenPartialPayment()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        var shard = h.Sharding.ShardOf(new CustomerId("C1"));
        await h.Shards.AddActionsAsync(shard, Send.Today, [Action("a-1", "INV-1")], None);

        await Send.StandardAsync(h, "msg_part", Send.Payment("payment.succeeded", "pay-part", 30m, "EUR", ("INV-1", 30m)));
        await h.DrainAsync();

        var invoice = await InvoiceAsync(h, "INV-1");
        Assert.Equal((InvoiceStatus.Open, 70m), (invoice.Status, invoice.OpenAmount));
        Assert.Equal(ActionStatus.Planned, (await h.Shards.GetActionAsync(shard, "a-1", None))!.Status);
    }

    [Fact]
    public async Task RecordsACreditGivenOverpayment()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));

        await Send.StandardAsync(h, "msg_over", Send.Payment("payment.succeeded", "pay-over", 130m, "EUR", ("INV-1", 120m)));
        await h.DrainAsync();

        Assert.Equal(InvoiceStatus.Paid, (await InvoiceAsync(h, "INV-1")).Status);
        Assert.Equal(100m, Assert.Single(await PaymentsAsync(h)).Amount);
        Assert.Equal(30m, await CreditAsync(h, "C1", "pay-over"));
    }

    [Fact]
    public async Task AppliesEachAllocationGivenOnePaymentForSeveralInvoices()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m), Send.Invoice("INV-2", "C1", 50m), Send.Invoice("INV-3", "C2", 80m));

        await Send.StandardAsync(h, "msg_multi", Send.Payment("payment.succeeded", "pay-multi", 170m, "EUR", ("INV-1", 100m), ("INV-2", 20m), ("INV-3", 50m)));
        await h.DrainAsync();

        Assert.Equal(0m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
        Assert.Equal(30m, (await InvoiceAsync(h, "INV-2")).OpenAmount);
        Assert.Equal(30m, (await InvoiceAsync(h, "INV-3")).OpenAmount);
        Assert.Equal([100m, 20m, 50m], (await PaymentsAsync(h)).OrderBy(p => p.InvoiceId.Value).Select(p => p.Amount));
    }

    [Fact]
    public async Task EndsAsRefundAfterPaymentGivenTheRefundArrivingFirst()
    {
        var inOrder = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        var reversed = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        var payment = Send.StripeInvoicePaid("evt_pay", "INV-1", 10000, paymentIntent: "pi_r");
        var refund = Send.StripeRefund("evt_ref", "pi_r", 4000);

        await Send.StripeAsync(inOrder, payment);
        await Send.StripeAsync(inOrder, refund);
        await inOrder.DrainAsync();
        await Send.StripeAsync(reversed, refund);
        var parked = await reversed.DrainAsync();
        await Send.StripeAsync(reversed, payment);
        var later = await reversed.DrainAsync();

        Assert.Equal([ApplyOutcome.Parked], parked);
        Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.Applied], later);
        foreach (var h in new[] { inOrder, reversed })
        {
            var invoice = await InvoiceAsync(h, "INV-1");
            Assert.Equal((InvoiceStatus.Open, 40m, (DateOnly?)null), (invoice.Status, invoice.OpenAmount, invoice.PaidOn));
            Assert.Equal(60m, Assert.Single(await PaymentsAsync(h)).Amount);
        }
    }

    [Fact]
    public async Task ReopensOnlyTheGrowthGivenCumulativeRefundsRepeatedAndOutOfOrder()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_p", "INV-1", 10000, paymentIntent: "pi_c"));
        await h.DrainAsync();

        await Send.StripeAsync(h, Send.StripeRefund("evt_r2", "pi_c", 5000));
        await Send.StripeAsync(h, Send.StripeRefund("evt_r1", "pi_c", 2000));
        await h.DrainAsync();

        Assert.Equal(50m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
    }

    [Fact]
    public async Task ParksThenAppliesGivenAnUnknownInvoiceResolvedLater()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));

        await Send.StandardAsync(h, "msg_unk", Send.Payment("payment.succeeded", "pay-unk", 25m, "EUR", ("NOPE-9", 25m)));
        await h.DrainAsync();
        var parked = Assert.Single(await h.Unmatched.ListAsync(None));
        var outcome = await h.Unmatched.ResolveAsync(parked.UnmatchedId, "INV-1", Caller.Machine("erp"), None);
        var again = await h.Unmatched.ResolveAsync(parked.UnmatchedId, "INV-1", Caller.Machine("erp"), None);

        Assert.Equal(("NOPE-9", 25m), (parked.InvoiceRef, parked.Amount));
        Assert.Equal((ResolveOutcome.Resolved, ResolveOutcome.Resolved), (outcome.Outcome, again.Outcome));
        Assert.Equal(75m, (await InvoiceAsync(h, "INV-1")).OpenAmount);
        Assert.Empty(await h.Unmatched.ListAsync(None));
        Assert.Equal(ResolveOutcome.AlreadyResolved, (await h.Unmatched.ResolveAsync(parked.UnmatchedId, "INV-2", Caller.Machine("erp"), None)).Outcome);
    }

    [Fact]
    public async Task OpensAChargebackDisputeGivenADisputeOnAnAppliedPayment()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeInvoicePaid("evt_p", "INV-1", 3000, paymentIntent: "pi_d"));
        await Send.StripeAsync(h, Send.StripeEvent("evt_d", "charge.dispute.created", """{"id":"dp_1","amount":3000,"currency":"eur","charge":"ch_1","payment_intent":"pi_d"}"""));

        await h.DrainAsync();

        Assert.Equal("chargeback", (await InvoiceAsync(h, "INV-1")).Dispute?.Category);
    }

    [Fact]
    public async Task RecordsAPaymentFailedInteractionGivenAFailedInvoicePayment()
    {
        var h = await WithInvoicesAsync(Send.Invoice("INV-1", "C1", 100m));
        await Send.StripeAsync(h, Send.StripeEvent("evt_f", "invoice.payment_failed", """{"id":"in_f","number":"INV-1","amount_due":10000,"currency":"eur"}"""));

        await h.DrainAsync();

        var interactions = await AllShardsAsync(h.Interactions.StreamShardAsync);
        Assert.Equal(InteractionKind.PaymentFailed, Assert.Single(interactions).Kind);
    }

    private async Task<WebhookHarness> WithInvoicesAsync(params Invoice[] invoices)
    {
        var h = new WebhookHarness(azurite);
        await h.Invoices.UpsertAsync(invoices, None);
        return h;
    }

    private static async Task<Invoice> InvoiceAsync(WebhookHarness h, string id) =>
        (await h.Invoices.FindAsync(new InvoiceId(id), None))!;

    private static Task<List<Payment>> PaymentsAsync(WebhookHarness h) => AllShardsAsync(h.Payments.StreamShardAsync);

    private static async Task<decimal?> CreditAsync(WebhookHarness h, string customer, string paymentId)
    {
        var credits = await h.Credits.StreamCustomerAsync(new CustomerId(customer), None).ToListAsync();
        return credits.SingleOrDefault(c => c.Id == PaymentApplier.OverpaymentCreditId("payments", paymentId) && c.Kind == CreditKind.Overpayment)?.Amount;
    }

    private static PlannedAction Action(string id, params string[] invoices) => Send.Action(id, invoices);

    private static async Task<List<T>> AllShardsAsync<T>(Func<int, CancellationToken, IAsyncEnumerable<T>> stream)
    {
        var all = new List<T>();
        for (var shard = 0; shard < WebhookHarness.ShardCount; shard++)
        {
            await foreach (var item in stream(shard, None))
            {
                all.Add(item);
            }
        }

        return all;
    }
}
