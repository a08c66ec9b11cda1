using System.Text;
using ArFunctions.Application.Webhooks;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Receiving;

[Collection(AzuriteCollection.Name)]
public class ReceiveWebhookReceiveMalformed(AzuriteFixture azurite)
{
    [Fact]
    public async Task RefusesEveryCaseAndWritesNothingGivenTheMalformedCorpus()
    {
        var harness = new WebhookHarness(azurite);
        await harness.Events.TryAddAsync(new WebhookEventRecord("stripe", "evt_seed", "seed", WebhookEventStatus.Ignored, default, null), CancellationToken.None);
        var before = await harness.CountRowsAsync();
        var cases = MalformedCorpus.Generate(harness).ToList();
        var wrong = new List<string>();

        foreach (var c in cases)
        {
            var result = await harness.Receive.ReceiveAsync(c.Source, c.Headers(harness), c.Body, CancellationToken.None);
            var ok = c.ExpectUnauthorized ? result is ReceiveResult.Unauthorized : result is ReceiveResult.Invalid or ReceiveResult.Unauthorized;
            if (!ok)
            {
                wrong.Add($"{c.Name}: {result}");
            }
        }

        Assert.True(cases.Count >= 200, $"only {cases.Count} cases");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(before, await harness.CountRowsAsync());
        Assert.Empty(harness.Queue.Sent);
    }

    [Theory]
    [InlineData("""{"id":"evt_1","type":"invoice.paid","data":{"object":{"id":"in_1","number":"INV-\ud800","amount_paid":100,"currency":"eur"}}}""")]
    [InlineData("""{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","amount_received":100,"currency":"eur","customer":"cus_\udc00"}}}""")]
    [InlineData("""{"id":"evt_1","type":"invoice.paid","note":"\ud800\u0041","data":{"object":{"id":"in_1","number":"INV-1","amount_paid":100,"currency":"eur"}}}""")]
    public async Task AnswersInvalidAndWritesNothingGivenASignedBodyWithALoneSurrogate(string body)
    {
        var harness = new WebhookHarness(azurite);
        await harness.Invoices.UpsertAsync([Send.Invoice("INV-1", "C1", 100m)], CancellationToken.None);
        var before = await harness.CountRowsAsync();

        var result = await Send.StripeAsync(harness, body);

        Assert.Contains("surrogate", Assert.IsType<ReceiveResult.Invalid>(result).Reason, StringComparison.Ordinal);
        Assert.Equal(before, await harness.CountRowsAsync());
        Assert.Empty(harness.Queue.Sent);
    }

    [Fact]
    public async Task AnswersInvalidGivenASignedBodyThatIsNotUtf8()
    {
        var harness = new WebhookHarness(azurite);
        byte[] body = [.. Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"invoice.paid","data":{"object":{"id":"in_1","number":"INV-"""), 0xed, 0xa0, 0x80, .. Encoding.UTF8.GetBytes("\",\"amount_paid\":100,\"currency\":\"eur\"}}}")];
        var header = StripeSignatureVerifier.Sign(WebhookHarness.StripeSecret, harness.Clock.GetUtcNow().ToUnixTimeSeconds(), body);

        var result = await harness.Receive.ReceiveAsync("stripe", new Dictionary<string, string> { ["Stripe-Signature"] = header }, body, CancellationToken.None);

        Assert.Contains("UTF-8", Assert.IsType<ReceiveResult.Invalid>(result).Reason, StringComparison.Ordinal);
    }
}
