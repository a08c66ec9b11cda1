using ArFunctions.Application;
using ArFunctions.Application.Webhooks;
using ArFunctions.Infra.Tests.Infrastructure;
using ArFunctions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArFunctions.Infra.Tests;

/// <summary>
/// The settings a deployment of main.bicep gives the app, evaluated by <see cref="DeployedAppSettings"/>, and what the
/// app's options make of them: the default deployment must start, its webhook sources disabled rather than fatal.
/// </summary>
public sealed class DeployedAppSettingsFromMainBicep
{
    [Theory]
    [InlineData(HostingPlan.FlexConsumption)]
    [InlineData(HostingPlan.ElasticPremium)]
    public async Task NamesEverySettingTheAppReadsGivenPlan(HostingPlan plan)
    {
        var settings = await DeployedAppSettings.FromMainBicepAsync(plan);

        Assert.Equal(ExpectedAppSettings.ExpectedInAzure(plan).Order(StringComparer.Ordinal), settings.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HoldsTheDefaultsAndTheModuleOutputsGivenNoParameters()
    {
        var standIns = new DeploymentStandIns();

        var settings = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption, standIns);

        Assert.Equal("0 0 5 * * *", settings["DailyRunSchedule"]);
        Assert.Equal("64", settings["ArFunctions__Storage__ShardCount"]);
        Assert.Equal("ar-", settings["ArFunctions__Storage__QueuePrefix"]);
        Assert.Equal("300", settings["ArFunctions__Webhooks__ToleranceSeconds"]);
        Assert.Equal(standIns.StorageAccountName, settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal($"https://{standIns.StorageAccountName}.table.core.windows.net/", settings["ArFunctions__Storage__TableServiceUri"]);
        Assert.Equal($"ClientId={standIns.IdentityClientId};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Theory]
    [InlineData("stripe")]
    [InlineData("payments")]
    public async Task HoldsTheUnresolvedKeyVaultReferenceGivenAWebhookSecret(string source)
    {
        var standIns = new DeploymentStandIns();

        var settings = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption, standIns);

        Assert.Equal($"@Microsoft.KeyVault(SecretUri=https://{standIns.KeyVaultName}.vault.azure.net/secrets/webhook-{source})", settings["ArFunctions__Webhooks__Secrets__" + source]);
    }

    [Theory]
    [InlineData(HostingPlan.FlexConsumption)]
    [InlineData(HostingPlan.ElasticPremium)]
    public async Task StartsTheOptionsWithBothWebhookSourcesDisabledGivenUnresolvedReferences(HostingPlan plan)
    {
        var settings = await DeployedAppSettings.FromMainBicepAsync(plan);

        var sources = ValidatedWebhookSources(settings);

        Assert.Equal(["payments", "stripe"], sources.Disabled.Keys.Order(StringComparer.Ordinal));
        Assert.All(sources.Disabled.Values, reason => Assert.Contains("Key Vault reference", reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartsTheOptionsWithBothWebhookSourcesEnabledGivenReferencesResolvedToThePlaceholders()
    {
        var settings = new Dictionary<string, string>(await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption));
        foreach (var (name, placeholder) in await DeployedAppSettings.PlaceholderWebhookSecretsAsync())
        {
            settings[name] = placeholder;
        }

        var sources = ValidatedWebhookSources(settings);

        Assert.Empty(sources.Disabled);
        Assert.Equal(["payments", "stripe"], sources.Enabled.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DiffersPerSeedGivenThePlaceholderSecrets()
    {
        var first = await DeployedAppSettings.PlaceholderWebhookSecretsAsync(new DeploymentStandIns { PlaceholderSeed = Guid.NewGuid().ToString() });
        var second = await DeployedAppSettings.PlaceholderWebhookSecretsAsync(new DeploymentStandIns { PlaceholderSeed = Guid.NewGuid().ToString() });

        Assert.All(first, pair => Assert.NotEqual(pair.Value, second[pair.Key]));
    }

    [Fact]
    public async Task ReplacesOnlyTheAzureOnlySettingsGivenALocalRun()
    {
        var deployed = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption);

        var local = DeployedAppSettings.ForLocalRun(deployed, "UseDevelopmentStorage=true", "artifacts/outbox");

        Assert.Equal("UseDevelopmentStorage=true", local["AzureWebJobsStorage"]);
        Assert.DoesNotContain("AzureWebJobsStorage__accountName", local.Keys);
        Assert.Equal(deployed["ArFunctions__Webhooks__Secrets__payments"], local["ArFunctions__Webhooks__Secrets__payments"]);
        Assert.Equal(deployed["DailyRunSchedule"], local["DailyRunSchedule"]);
    }

    /// <summary>
    /// Binds the settings as the app does (environment-variable names, '__' for ':'), runs every start-up validation
    /// of the application and storage options, and returns the webhook sources the app would serve.
    /// </summary>
    private static WebhookSources ValidatedWebhookSources(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)));
        builder.AddArFunctionsStorage();
        builder.AddArFunctionsApplication();
        using var host = builder.Build();

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return WebhookSources.Of(host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value);
    }
}
