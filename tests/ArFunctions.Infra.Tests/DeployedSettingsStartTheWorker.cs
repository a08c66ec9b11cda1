using System.Net;
using System.Text.Json;
using ArFunctions.Infra.Tests.Infrastructure;
using ArFunctions.WorkerHost;

namespace ArFunctions.Infra.Tests;

/// <summary>
/// The default deployment's app settings start the app: the built worker, started under the test host with exactly
/// what main.bicep writes (its queue prefix, shard count, schedule, the webhook secrets as unresolved Key Vault
/// references), only the Azure-only identity and endpoint settings swapped for Azurite and a pickup folder, answers its
/// health check and runs the day.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeployedSettingsStartTheWorker(AzuriteFixture azurite)
{
    /// <summary>The default plan (Flex Consumption); Elastic Premium's settings differ only by FUNCTIONS_WORKER_RUNTIME, which the host sets anyway.</summary>
    [Fact]
    public async Task TheDailyRunWorksGivenTheSettingsMainBicepProduces()
    {
        var outbox = Path.Combine(Path.GetTempPath(), "arfunctions-deployed-" + Guid.NewGuid().ToString("N")[..8]);
        var deployed = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption);
        var settings = DeployedAppSettings.ForLocalRun(deployed, azurite.ConnectionString, outbox).ToDictionary(s => s.Key, s => (string?)s.Value);
        await using var host = await FunctionsWorkerHost.StartAsync(new WorkerHostOptions
        {
            AppDirectory = AppBuildOutput.Find(Path.Combine(Repository.Root, "src", "ArFunctions.FunctionApp")),
            StorageConnectionString = azurite.ConnectionString,
            Settings = settings,
            QueueSettings = new QueueSettings(VisibilityTimeout: TimeSpan.FromSeconds(1), MaxPollingInterval: TimeSpan.FromMilliseconds(200)),
        });
        using var client = host.CreateClient();

        var health = await client.GetAsync("/api/health");
        var timer = await host.InvokeTimerAsync("DailyRun", isPastDue: false);
        var shards = await host.Queues.DrainAsync(["ProcessShard"], TimeSpan.FromMinutes(3));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(deployed["ArFunctions__DailyRun__BusinessTimeZone"])).DateTime);
        var run = await client.GetAsync($"/api/runs/{today:yyyy-MM-dd}");
        var webhook = await client.PostAsync("/api/webhooks/payments", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(timer.Succeeded, timer.Error);
        Assert.Equal(int.Parse(deployed["ArFunctions__Storage__ShardCount"], System.Globalization.CultureInfo.InvariantCulture), shards.Invocations.Count(i => i.Succeeded));
        Assert.All(shards.Invocations, i => Assert.True(i.Succeeded, i.Error));
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal("completed", JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, webhook.StatusCode);
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
    }
}
