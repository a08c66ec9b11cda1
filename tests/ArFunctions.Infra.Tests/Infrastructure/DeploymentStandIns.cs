using System.Text.Json.Nodes;

namespace ArFunctions.Infra.Tests.Infrastructure;

/// <summary>
/// What only a real deployment knows, fixed for tests: the azd environment, the resource-name token ARM derives with
/// uniqueString, and the outputs of main.bicep's modules (identity ids, endpoints, secret URIs), each in the shape
/// Azure gives it. <see cref="DeployedAppSettings"/> evaluates main.bicep with these.
/// </summary>
public sealed record DeploymentStandIns
{
    public string EnvironmentName { get; init; } = "ar-test";

    public string Location { get; init; } = "westeurope";

    /// <summary>Stands for <c>toLower(uniqueString(subscription().id, environmentName, location))</c>: 13 characters.</summary>
    public string Token { get; init; } = "t3st0k3nx9q2m";

    public string SubscriptionId { get; init; } = "00000000-0000-4000-8000-000000000000";

    public string IdentityClientId { get; init; } = "11111111-2222-4333-8444-555555555555";

    public string IdentityPrincipalId { get; init; } = "66666666-7777-4888-8999-aaaaaaaaaaaa";

    public string AppInsightsInstrumentationKey { get; init; } = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";

    /// <summary>The Azure-managed mail domain's generated name (DoNotReply@&lt;this&gt;.azurecomm.net).</summary>
    public string ManagedEmailDomain { get; init; } = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    /// <summary>Stands for main.bicep's placeholderSeed (its default is newGuid(), new on every deployment).</summary>
    public string PlaceholderSeed { get; init; } = "c0ffee00-1234-4567-89ab-cdef01234567";

    /// <summary>main.bicep parameters to set instead of their defaults (what main.parameters.json or azd env would pass).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

    public string ResourceGroup => $"rg-{EnvironmentName}";

    public string StorageAccountName => $"st{Token}";

    public string KeyVaultName => $"kv{Token}";

    /// <summary>What <c>reference('module')</c> gives for one of main.bicep's modules: <c>{ outputs: { name: { value } } }</c>.</summary>
    public JsonObject ModuleReference(string module)
    {
        var outputs = module switch
        {
            "identity" => Outputs(
                ("id", $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-{EnvironmentName}-{Token}"),
                ("name", $"id-{EnvironmentName}-{Token}"),
                ("clientId", IdentityClientId),
                ("principalId", IdentityPrincipalId)),
            "storage" => Outputs(
                ("name", StorageAccountName),
                ("blobEndpoint", $"https://{StorageAccountName}.blob.core.windows.net/"),
                ("queueEndpoint", $"https://{StorageAccountName}.queue.core.windows.net/"),
                ("tableEndpoint", $"https://{StorageAccountName}.table.core.windows.net/"),
                ("deploymentContainerUrl", $"https://{StorageAccountName}.blob.core.windows.net/deployments")),
            "monitoring" => Outputs(
                ("appInsightsName", $"appi-{EnvironmentName}-{Token}"),
                ("workspaceName", $"log-{EnvironmentName}-{Token}"),
                ("connectionString", $"InstrumentationKey={AppInsightsInstrumentationKey};IngestionEndpoint=https://{Location}-0.in.applicationinsights.azure.com/;LiveEndpoint=https://{Location}.livediagnostics.monitor.azure.com/")),
            "communication" => Outputs(
                ("endpoint", $"https://acs-{EnvironmentName}-{Token}.europe.communication.azure.com"),
                ("senderAddress", $"DoNotReply@{ManagedEmailDomain}.azurecomm.net")),
            "vault" => Outputs(
                ("name", KeyVaultName),
                ("stripeSecretUri", $"https://{KeyVaultName}.vault.azure.net/secrets/webhook-stripe"),
                ("paymentsSecretUri", $"https://{KeyVaultName}.vault.azure.net/secrets/webhook-payments"),
                ("portalKeySecretUri", Given("portalKeySecret") ? $"https://{KeyVaultName}.vault.azure.net/secrets/portal-key" : ""),
                ("portalPreviousKeySecretUri", Given("portalKeySecret") && Given("portalPreviousKeySecret") ? $"https://{KeyVaultName}.vault.azure.net/secrets/portal-key-previous" : "")),
            _ => throw new NotSupportedException($"No stand-in outputs for module '{module}': add them to {nameof(DeploymentStandIns)}."),
        };
        return new JsonObject { ["outputs"] = outputs };
    }

    /// <summary>Whether a secure parameter was given a value (the vault module creates its secret only then).</summary>
    private bool Given(string parameter) => Parameters.TryGetValue(parameter, out var value) && value is not null && value.ToString().Length > 0;

    private static JsonObject Outputs(params (string Name, string Value)[] outputs)
    {
        var result = new JsonObject();
        foreach (var (name, value) in outputs)
        {
            result[name] = new JsonObject { ["value"] = value };
        }

        return result;
    }
}
