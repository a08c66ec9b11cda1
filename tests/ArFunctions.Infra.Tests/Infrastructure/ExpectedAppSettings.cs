using System.Text.Json.Nodes;

namespace ArFunctions.Infra.Tests.Infrastructure;

public enum HostingPlan
{
    FlexConsumption,
    ElasticPremium,
}

/// <summary>
/// The settings the function app (the isolated worker and its host) reads, as listed in local.settings.sample.json (read at test time so this test
/// follows the sample), and the names each one has in Azure, where some differ by design.
/// </summary>
public static class ExpectedAppSettings
{
    public static IReadOnlyList<string> LocalNames()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Repository.PathOf("local.settings.sample.json")))!;
        return [.. sample["Values"]!.AsObject().Select(pair => pair.Key)];
    }

    /// <summary>The app settings Azure must hold for the app's local settings on <paramref name="plan"/>.</summary>
    public static ISet<string> ExpectedInAzure(HostingPlan plan)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in LocalNames())
        {
            expected.UnionWith(AzureNamesOf(name, plan));
        }

        expected.UnionWith(PlatformOnly(plan));
        return expected;
    }

    /// <summary>The Azure app settings that stand for one local setting.</summary>
    public static IReadOnlyList<string> AzureNamesOf(string localName, HostingPlan plan) => localName switch
    {
        // Locally a connection string; in Azure the host connects with the managed identity (no shared keys).
        "AzureWebJobsStorage" =>
            ["AzureWebJobsStorage__accountName", "AzureWebJobsStorage__credential", "AzureWebJobsStorage__clientId"],
        // Local only: Azure uses ArFunctions__Storage__TableServiceUri + __QueueServiceUri + __ManagedIdentityClientId.
        "ArFunctions__Storage__ConnectionString" =>
            ["ArFunctions__Storage__TableServiceUri", "ArFunctions__Storage__QueueServiceUri", "ArFunctions__Storage__ManagedIdentityClientId"],
        // Local or HMAC only: Azure sends with Mode=Acs through ArFunctions__Email__Endpoint + __ManagedIdentityClientId.
        "ArFunctions__Email__ConnectionString" =>
            ["ArFunctions__Email__Endpoint", "ArFunctions__Email__ManagedIdentityClientId"],
        // Local only: the pickup folder stands in for ACS on a developer machine.
        "ArFunctions__Email__PickupFolder" => [],
        // The customer portal's base URL and link key: set in Azure only when AR_PORTAL_KEY_SECRET is given (there is no
        // default key), so a default deployment has none (DeployedAppSettingsFromMainBicep checks them given a key).
        _ when localName.StartsWith("ArFunctions__Portal__", StringComparison.Ordinal) => [],
        // Flex Consumption takes the runtime from functionAppConfig and rejects this setting; Elastic Premium needs it.
        "FUNCTIONS_WORKER_RUNTIME" => plan == HostingPlan.ElasticPremium ? [localName] : [],
        // Everything else keeps its name: ArFunctions__* read by the app, DailyRunSchedule read by the host for the
        // timer trigger (%DailyRunSchedule%), APPLICATIONINSIGHTS_* read by the OpenTelemetry exporter, and the
        // webhook secrets, which Azure holds as Key Vault references.
        _ => [localName],
    };

    /// <summary>Settings the platform needs that the app never reads.</summary>
    public static IReadOnlyList<string> PlatformOnly(HostingPlan plan) => plan switch
    {
        // Flex Consumption sets the host version and the package location itself (functionAppConfig).
        HostingPlan.FlexConsumption => [],
        // Elastic Premium: the Functions host version, and run from the zip package that azd deploys.
        _ => ["FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE"],
    };
}
