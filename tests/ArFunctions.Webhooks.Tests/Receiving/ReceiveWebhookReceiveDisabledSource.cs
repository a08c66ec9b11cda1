using System.Text;
using ArFunctions.Application.Webhooks;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Receiving;

/// <summary>A configured source whose secret cannot sign answers SourceDisabled; the other sources keep working.</summary>
[Collection(AzuriteCollection.Name)]
public class ReceiveWebhookReceiveDisabledSource(AzuriteFixture azurite)
{
    public static TheoryData<string> SecretsThatCannotSign() =>
    [
        "",
        "unset-k3x9q2m4p7r1s",
        "whsec_short",
        "whsec_***",
        "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/webhook)",
    ];

    [Theory]
    [MemberData(nameof(SecretsThatCannotSign))]
    public async Task AnswersSourceDisabledAndRecordsNothingGivenABadStripeSecret(string stripeSecret)
    {
        var harness = new WebhookHarness(azurite, new Dictionary<string, string> { ["stripe"] = stripeSecret, ["payments"] = WebhookHarness.PaymentsSecret });

        var result = await Send.StripeAsync(harness, Send.StripeInvoicePaid("evt_disabled", "INV-1", 1000), secret: stripeSecret.Length > 0 ? stripeSecret : "x");

        var disabled = Assert.IsType<ReceiveResult.SourceDisabled>(result);
        Assert.Equal("stripe", disabled.Source);
        Assert.False(string.IsNullOrWhiteSpace(disabled.Reason));
        Assert.Empty(harness.Queue.Sent);
        Assert.Equal(0, await harness.CountRowsAsync());
    }

    [Theory]
    [MemberData(nameof(SecretsThatCannotSign))]
    public async Task StillAcceptsPaymentsGivenABadStripeSecret(string stripeSecret)
    {
        var harness = new WebhookHarness(azurite, new Dictionary<string, string> { ["stripe"] = stripeSecret, ["payments"] = WebhookHarness.PaymentsSecret });

        var result = await Send.StandardAsync(harness, "msg_ok", Send.Payment("payment.succeeded", "pay-1", 10m, "EUR", ("INV-1", 10m)));

        Assert.Equal(new ReceiveResult.Accepted("msg_ok"), result);
    }

    [Theory]
    [MemberData(nameof(SecretsThatCannotSign))]
    public async Task AnswersSourceDisabledForPaymentsAndStillAcceptsStripeGivenABadPaymentsSecret(string paymentsSecret)
    {
        var harness = new WebhookHarness(azurite, new Dictionary<string, string> { ["stripe"] = WebhookHarness.StripeSecret, ["payments"] = paymentsSecret });

        var payments = await harness.Receive.ReceiveAsync("payments", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{}"), CancellationToken.None);
        Assert.Equal(0, await harness.CountRowsAsync());
        var stripe = await Send.StripeAsync(harness, Send.StripeInvoicePaid("evt_ok", "INV-1", 1000));

        Assert.Equal("payments", Assert.IsType<ReceiveResult.SourceDisabled>(payments).Source);
        Assert.Equal(new ReceiveResult.Accepted("evt_ok"), stripe);
    }

    [Fact]
    public async Task ReturnsUnknownSourceNotSourceDisabledGivenASourceThatIsNotConfigured()
    {
        var harness = new WebhookHarness(azurite, new Dictionary<string, string> { ["stripe"] = "" });

        var result = await harness.Receive.ReceiveAsync("paypal", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.IsType<ReceiveResult.UnknownSource>(result);
    }
}
