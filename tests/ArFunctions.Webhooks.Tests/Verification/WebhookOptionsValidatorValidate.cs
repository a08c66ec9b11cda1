using ArFunctions.Application.Webhooks;

namespace ArFunctions.Webhooks.Tests.Verification;

public class WebhookOptionsValidatorValidate
{
    [Fact]
    public void SucceedsGivenStripeAndStandardSecretsAndAnEmptySource()
    {
        var options = new WebhookOptions { Secrets = new() { ["stripe"] = "whsec_a whsec_b", ["payments"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ["bank"] = "" } };

        Assert.True(new WebhookOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(["whsec_a", "whsec_b"], options.SecretsOf("stripe"));
        Assert.Empty(options.SecretsOf("bank"));
    }

    [Theory]
    [InlineData("payments", "not-a-secret")]
    [InlineData("payments", "whsec_***")]
    [InlineData("payments", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/webhook-payments)")]
    [InlineData("stripe", "unset-3fa9c2")]
    [InlineData("Bad Source", "whsec_AAAA")]
    public void SucceedsGivenASecretOrSourceThatOnlyDisablesItsSource(string source, string secret)
    {
        var options = new WebhookOptions { Secrets = new() { [source] = secret } };

        Assert.True(new WebhookOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void FailsGivenAToleranceOfZero()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { ToleranceSeconds = 0 });

        Assert.Contains("ToleranceSeconds", result.FailureMessage, StringComparison.Ordinal);
    }
}
