using ArFunctions.Application.Webhooks;

namespace ArFunctions.Webhooks.Tests.Verification;

public class WebhookSecretRulesProblemWith
{
    private const string StripeSecret = "whsec_5tr1peEndpo1ntSecretForTests0";
    private const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Theory]
    [InlineData("stripe", StripeSecret)]
    [InlineData("stripe", "whsec_test_stripe_secret")]
    [InlineData("stripe", "whsec_retired_stripe_secret " + StripeSecret)]
    [InlineData("payments", StandardSecret)]
    [InlineData("bank", StandardSecret + " whsec_c2Vjb25kLXN0YW5kYXJkLXdlYmhvb2tzLWtleS1ieXRlcw==")]
    public void AcceptsGivenSecretsThatCanSign(string source, string secrets)
    {
        Assert.Null(WebhookSecretRules.ProblemWith(source, secrets));
    }

    [Theory]
    [InlineData("stripe", null, "no secret")]
    [InlineData("stripe", "", "no secret")]
    [InlineData("payments", "   ", "no secret")]
    [InlineData("stripe", "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/webhook-stripe)", "Key Vault reference")]
    [InlineData("payments", "@Microsoft.KeyVault(VaultName=kv1;SecretName=webhook-payments)", "Key Vault reference")]
    [InlineData("stripe", "unset-k3x9q2m4p7r1s", "starts with 'whsec_'")]
    [InlineData("stripe", "whsec_short", "at least 16 characters")]
    [InlineData("stripe", "whsec_...", "at least 16 characters")]
    [InlineData("stripe", "whsec_<your-endpoint-secret>", "placeholder")]
    [InlineData("stripe", "whsec_xxxxxxxxxxxxxxxxxxxxxxxx", "placeholder")]
    [InlineData("stripe", StripeSecret + " unset-k3x9q2m4p7r1s", "secret 2 of 2")]
    [InlineData("payments", "unset-k3x9q2m4p7r1s", "starts with 'whsec_'")]
    [InlineData("payments", "whsec_not base64!", "valid base64")]
    [InlineData("payments", "whsec_***", "valid base64")]
    [InlineData("payments", "whsec_AAAAAAAAAAAAAAAA", "at least 24 key bytes")]
    [InlineData("payments", "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "placeholder")]
    [InlineData("Bad Source", StandardSecret, "source name")]
    public void NamesTheProblemWithoutTheSecretGivenASecretThatCannotSign(string source, string? secrets, string expected)
    {
        var problem = WebhookSecretRules.ProblemWith(source, secrets);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        foreach (var secret in (secrets ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => s.Length > "whsec_".Length))
        {
            Assert.DoesNotContain(secret, problem, StringComparison.Ordinal);
        }
    }
}
