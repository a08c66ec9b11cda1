using System.Text.Json.Nodes;
using ArFunctions.Application;
using ArFunctions.Application.Portal;
using ArFunctions.Infra.Tests.Infrastructure;
using ArFunctions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArFunctions.Infra.Tests;

/// <summary>The customer portal's settings as main.bicep deploys them: none without a key secret; with one, a Key Vault reference per key.</summary>
public sealed class DeployedPortalSettingsFromMainBicep
{
    private static DeploymentStandIns WithParameters(params (string Name, string Value)[] parameters) => new()
    {
        Parameters = parameters.ToDictionary(p => p.Name, p => (JsonNode?)JsonValue.Create(p.Value), StringComparer.Ordinal),
    };

    [Fact]
    public async Task SetsNoPortalSettingGivenNoKeySecret()
    {
        var settings = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption);

        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("ArFunctions__Portal__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReferencesTheVaultSecretAndTheAppAddressGivenAKeySecret()
    {
        var standIns = WithParameters(("portalKeySecret", "c2VjcmV0"));

        var settings = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption, standIns);

        Assert.Equal($"https://func-{standIns.EnvironmentName}-{standIns.Token}.azurewebsites.net", settings["ArFunctions__Portal__BaseUrl"]);
        Assert.Equal("k1", settings["ArFunctions__Portal__Keys__0__Id"]);
        Assert.Equal($"@Microsoft.KeyVault(SecretUri=https://{standIns.KeyVaultName}.vault.azure.net/secrets/portal-key)", settings["ArFunctions__Portal__Keys__0__Secret"]);
        Assert.DoesNotContain("ArFunctions__Portal__Keys__1__Id", settings.Keys);
    }

    [Fact]
    public async Task StartsWithBothKeysGivenARotationAndResolvedReferences()
    {
        var standIns = WithParameters(
            ("portalKeySecret", "new"), ("portalKeyId", "k2"),
            ("portalPreviousKeySecret", "old"), ("portalPreviousKeyId", "k1"), ("portalPreviousKeyNotAfter", "2027-01-31T00:00:00Z"));
        var settings = new Dictionary<string, string>(await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption, standIns))
        {
            // What the platform puts in place of the references once it resolves them.
            ["ArFunctions__Portal__Keys__0__Secret"] = Convert.ToBase64String(new byte[32]),
            ["ArFunctions__Portal__Keys__1__Secret"] = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray()),
        };

        var links = StartedPortalLinks(settings);

        Assert.Equal($"@Microsoft.KeyVault(SecretUri=https://{standIns.KeyVaultName}.vault.azure.net/secrets/portal-key-previous)",
            (await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption, standIns))["ArFunctions__Portal__Keys__1__Secret"]);
        Assert.Equal(("k1", "2027-01-31T00:00:00Z"), (settings["ArFunctions__Portal__Keys__1__Id"], settings["ArFunctions__Portal__Keys__1__NotAfter"]));
        Assert.True(links.IsConfigured);
        Assert.Equal("k2", links.Verify(links.Issue(new("C-1"), "ap@acme.test", 30).Token).Payload!.KeyId);
    }

    /// <summary>Binds the settings as the app does, runs every start-up validation, and returns the link signer.</summary>
    private static PortalLinks StartedPortalLinks(IReadOnlyDictionary<string, string> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(pair => KeyValuePair.Create(pair.Key.Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)));
        builder.AddArFunctionsStorage();
        builder.AddArFunctionsApplication();
        using var host = builder.Build();

        host.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        return host.Services.GetRequiredService<PortalLinks>();
    }
}
