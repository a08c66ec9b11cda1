using System.Net;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Configuration;

/// <summary>
/// One bad optional setting must not take the app down: a webhook source whose secret is a placeholder or an
/// unresolved Key Vault reference is disabled (its route answers 503), and the daily run and the rest of the API work.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StartupWithBadOptionalSettings(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    protected override IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ArFunctions__Webhooks__Secrets__payments"] = "unset-3f2a9c",
        ["ArFunctions__Webhooks__Secrets__stripe"] = "@Microsoft.KeyVault(SecretUri=https://kv-ar.vault.azure.net/secrets/stripe-webhook-secret/)",
    };

    [Fact]
    public async Task TheDailyRunAndTheApiWorkAndTheDisabledSourcesAnswerServiceUnavailable()
    {
        await App.SeedAsync();

        await App.RunDayAsync();
        var payments = await Client.PostAsync("/api/webhooks/payments", new StringContent("{}"));
        var stripe = await Client.PostAsync("/api/webhooks/stripe", new StringContent("{}"));

        Assert.Equal(RunStatus.Completed, (await App.Get<IRunStore>().GetAsync(Today, CancellationToken.None))!.Status);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/health")).StatusCode);
        foreach (var response in new[] { payments, stripe })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("source-disabled", body, StringComparison.Ordinal);
            Assert.DoesNotContain("unset-3f2a9c", body, StringComparison.Ordinal);
        }
    }
}
