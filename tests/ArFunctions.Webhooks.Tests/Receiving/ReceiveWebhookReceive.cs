using System.Text;
using ArFunctions.Application.Webhooks;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Receiving;

[Collection(AzuriteCollection.Name)]
public class ReceiveWebhookReceive(AzuriteFixture azurite)
{
    [Fact]
    public async Task RecordsOnceAndSendsAgainUntilAppliedGivenTheSameEventThreeTimes()
    {
        var harness = new WebhookHarness(azurite);
        var body = Send.StripeInvoicePaid("evt_dup", "INV-1", 1000);

        var results = new[] { await Send.StripeAsync(harness, body), await Send.StripeAsync(harness, body), await Send.StripeAsync(harness, body) };

        Assert.IsType<ReceiveResult.Accepted>(results[0]);
        Assert.All(results[1..], r => Assert.Equal(new ReceiveResult.Duplicate("evt_dup"), r));
        Assert.Equal(3, harness.Queue.Sent.Count);
        Assert.Equal(WebhookEventStatus.Received, (await harness.Events.GetAsync("stripe", "evt_dup", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task SendsNothingGivenADuplicateOfAnAppliedEvent()
    {
        var harness = new WebhookHarness(azurite);
        var body = Send.StripeInvoicePaid("evt_done", "INV-1", 1000);
        await Send.StripeAsync(harness, body);
        await harness.DrainAsync();

        var result = await Send.StripeAsync(harness, body);

        Assert.Equal(new ReceiveResult.Duplicate("evt_done"), result);
        Assert.Empty(harness.Queue.Sent);
    }

    [Fact]
    public async Task QueuesOnRedeliveryGivenTheFirstSendFailedAfterTheInsert()
    {
        var harness = new WebhookHarness(azurite);
        var body = Send.StripeInvoicePaid("evt_retry", "INV-1", 1000);
        harness.Queue.FailNextSends = 1;

        await Assert.ThrowsAsync<IOException>(() => Send.StripeAsync(harness, body));
        var redelivered = await Send.StripeAsync(harness, body);

        Assert.Equal(new ReceiveResult.Duplicate("evt_retry"), redelivered);
        var message = Assert.IsType<PaymentEventMessage>(Assert.Single(harness.Queue.Sent).Message);
        Assert.Equal(new PaymentEventMessage("stripe", "evt_retry"), message);
        Assert.Equal(WebhookEventStatus.Received, (await harness.Events.GetAsync("stripe", "evt_retry", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task RecordsAsIgnoredWithoutQueueingGivenAnUnsupportedStripeType()
    {
        var harness = new WebhookHarness(azurite);

        var result = await Send.StripeAsync(harness, Send.StripeEvent("evt_cust", "customer.created", """{"id":"cus_1"}"""));

        Assert.Equal(new ReceiveResult.Accepted("evt_cust"), result);
        Assert.Empty(harness.Queue.Sent);
        Assert.Equal(WebhookEventStatus.Ignored, (await harness.Events.GetAsync("stripe", "evt_cust", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task AcceptsOurSchemaGivenAStandardWebhooksSignature()
    {
        var harness = new WebhookHarness(azurite);

        var result = await Send.StandardAsync(harness, "msg_1", Send.Payment("payment.succeeded", "pay-1", 10m, "EUR", ("INV-1", 10m)));

        Assert.Equal(new ReceiveResult.Accepted("msg_1"), result);
        var stored = (await harness.Events.GetAsync("payments", "msg_1", CancellationToken.None))!.Event!;
        Assert.Equal(new PaymentAllocation("INV-1", 10m), Assert.Single(stored.Allocations));
    }

    [Theory]
    [InlineData("jpy", 5000, 5000)]
    [InlineData("eur", 5000, 50)]
    [InlineData("kwd", 5000, 5)]
    public async Task ScalesMinorUnitsByTheCurrencyExponentGivenStripeAmounts(string currency, long minor, decimal expected)
    {
        var harness = new WebhookHarness(azurite);

        await Send.StripeAsync(harness, Send.StripeInvoicePaid("evt_" + currency, "INV-1", minor, currency));

        Assert.Equal(expected, (await harness.Events.GetAsync("stripe", "evt_" + currency, CancellationToken.None))!.Event!.Amount);
    }

    [Fact]
    public async Task ReturnsUnknownSourceGivenASourceWithoutSecret()
    {
        var harness = new WebhookHarness(azurite);

        var result = await harness.Receive.ReceiveAsync("paypal", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.IsType<ReceiveResult.UnknownSource>(result);
    }
}
