using ArFunctions.Application.Webhooks;

namespace ArFunctions.Webhooks.Tests.Verification;

public class WebhookSourcesOf
{
    private const string StripeSecret = "whsec_5tr1peEndpo1ntSecretForTests0";
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Theory]
    [InlineData("")]
    [InlineData("unset-k3x9q2m4p7r1s")]
    [InlineData("whsec_***")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/webhook-payments)")]
    public void DisablesOnlyPaymentsGivenABadPaymentsSecret(string paymentsSecret)
    {
        var sources = WebhookSources.Of(new WebhookOptions { Secrets = new() { ["stripe"] = StripeSecret, ["payments"] = paymentsSecret } });

        Assert.Equal(["payments"], sources.Disabled.Keys);
        Assert.Equal([StripeSecret], sources.SecretsOf("stripe"));
        Assert.Empty(sources.SecretsOf("payments"));
        Assert.NotNull(sources.DisabledReasonOf("payments"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("unset-k3x9q2m4p7r1s")]
    [InlineData("whsec_short")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/webhook-stripe)")]
    public void DisablesOnlyStripeGivenABadStripeSecret(string stripeSecret)
    {
        var sources = WebhookSources.Of(new WebhookOptions { Secrets = new() { ["stripe"] = stripeSecret, ["payments"] = StandardSecret } });

        Assert.Equal(["stripe"], sources.Disabled.Keys);
        Assert.Equal([StandardSecret], sources.SecretsOf("payments"));
        Assert.Null(sources.DisabledReasonOf("payments"));
    }

    [Fact]
    public void KnowsNeitherListGivenASourceThatIsNotConfigured()
    {
        var sources = WebhookSources.Of(new WebhookOptions { Secrets = new() { ["stripe"] = StripeSecret } });

        Assert.Null(sources.DisabledReasonOf("paypal"));
        Assert.Empty(sources.SecretsOf("paypal"));
    }

    [Fact]
    public void ReturnsTheSameSnapshotGivenTheSameOptions()
    {
        var options = new WebhookOptions { Secrets = new() { ["stripe"] = StripeSecret } };

        Assert.Same(WebhookSources.Of(options), WebhookSources.Of(options));
    }
}
