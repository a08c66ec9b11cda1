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
    [InlineData("payments", "not-a-secret", "Secrets:payments")]
    [InlineData("payments", "whsec_***", "Secrets:payments")]
    [InlineData("Bad Source", "whsec_AAAA", "Secrets:Bad Source")]
    public void FailsNamingTheKeyGivenABadSecretOrSource(string source, string secret, string expected)
    {
        var options = new WebhookOptions { Secrets = new() { [source] = secret } };

        var result = new WebhookOptionsValidator().Validate(null, options);

        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void FailsGivenAToleranceOfZero()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { ToleranceSeconds = 0 });

        Assert.Contains("ToleranceSeconds", result.FailureMessage, StringComparison.Ordinal);
    }
}
