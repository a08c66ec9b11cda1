using ArFunctions.Application.Webhooks;
using ArFunctions.Webhooks.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Webhooks.Tests.Verification;

public class WebhookSourcesStartupReportStart
{
    private const string UnresolvedReference = "@Microsoft.KeyVault(SecretUri=https://kv1.vault.azure.net/secrets/webhook-payments)";
    private const string MalformedStripeSecret = "whsec_<paste the endpoint secret>";

    [Fact]
    public async Task WarnsOncePerDisabledSourceWithoutItsSecretGivenBadSecrets()
    {
        var logger = new RecordingLogger<WebhookSourcesStartupReport>();
        var options = new WebhookOptions
        {
            Secrets = new() { ["stripe"] = MalformedStripeSecret, ["payments"] = UnresolvedReference, ["bank"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
        };

        await new WebhookSourcesStartupReport(new StaticOptionsMonitor<WebhookOptions>(options), logger).StartAsync(CancellationToken.None);

        Assert.Equal(2, logger.Entries.Count);
        Assert.All(logger.Entries, entry => Assert.Equal(LogLevel.Warning, entry.Level));
        Assert.Contains("payments is disabled", logger.Entries[0].Message, StringComparison.Ordinal);
        Assert.Contains("stripe is disabled", logger.Entries[1].Message, StringComparison.Ordinal);
        Assert.All(logger.Entries, entry =>
        {
            Assert.DoesNotContain("kv1.vault", entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("paste", entry.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task SaysNothingGivenEverySourceCanSign()
    {
        var logger = new RecordingLogger<WebhookSourcesStartupReport>();
        var options = new WebhookOptions { Secrets = new() { ["payments"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } };

        await new WebhookSourcesStartupReport(new StaticOptionsMonitor<WebhookOptions>(options), logger).StartAsync(CancellationToken.None);

        Assert.Empty(logger.Entries);
    }
}
