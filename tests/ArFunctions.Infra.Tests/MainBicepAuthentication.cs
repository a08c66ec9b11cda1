using System.Text.Json.Nodes;
using ArFunctions.Infra.Tests.Infrastructure;
using ArFunctions.WorkerHost;

namespace ArFunctions.Infra.Tests;

/// <summary>App Service authentication (Easy Auth v2) with Entra ID as compiled from infra/main.bicep.</summary>
public sealed class MainBicepAuthentication(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public void RequiresASignedInUserEverywhereButThePublicPathsAndTheKeyOnlyRoutesOfTheBuiltApp()
    {
        var validation = AuthSettings()["properties"]!["globalValidation"]!;

        Assert.True((bool)Properties()["platform"]!["enabled"]!);
        Assert.True((bool)validation["requireAuthentication"]!);
        Assert.Equal("RedirectToLoginPage", (string?)validation["unauthenticatedClientAction"]);
        string[] publicPaths = ["/api/webhooks/*", "/api/health", "/api/portal/*"];
        Assert.Equal(
            [.. publicPaths.Concat(KeyOnlyPathsOfTheBuiltApp()).Order(StringComparer.Ordinal)],
            validation["excludedPaths"]!.AsArray().Select(path => (string)path!).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The routes of the built app the Functions host guards with a function key (authLevel function), as Easy Auth
    /// paths: a route parameter and whatever follows it become <c>*</c>.
    /// </summary>
    private static List<string> KeyOnlyPathsOfTheBuiltApp()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(AppBuildOutput.Find(Path.Combine(Repository.Root, "src", "ArFunctions.FunctionApp")), "functions.metadata")))!;
        return [.. metadata.AsArray()
            .SelectMany(function => function!["bindings"]!.AsArray())
            .Where(binding => (string?)binding!["type"] == "httpTrigger" && !string.Equals((string?)binding["authLevel"], "anonymous", StringComparison.OrdinalIgnoreCase))
            .Select(binding => (string)binding!["route"]!)
            .Select(route => "/api/" + (route.IndexOf('{', StringComparison.Ordinal) is var brace and >= 0 ? route[..brace] + "*" : route))
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void SignsPeopleInWithTheEntraRegistrationOfTheParametersAndNoClientSecret()
    {
        var entra = Properties()["identityProviders"]!["azureActiveDirectory"]!;
        var registration = entra["registration"]!.AsObject();

        Assert.True((bool)entra["enabled"]!);
        Assert.Equal("[parameters('authClientId')]", (string?)registration["clientId"]);
        Assert.Contains("parameters('authTenantId')", (string?)registration["openIdIssuer"], StringComparison.Ordinal);
        Assert.Contains("environment().authentication.loginEndpoint", (string?)registration["openIdIssuer"], StringComparison.Ordinal);
        Assert.False(registration.ContainsKey("clientSecretSettingName"), "no client secret: the ID token carries identity and roles");
        Assert.Contains("[parameters('authClientId')]", entra["validation"]!["allowedAudiences"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public void ConfiguresAuthenticationOnlyOnceARegistrationIsNamed()
    {
        Assert.Equal("[not(empty(parameters('authClientId')))]", (string?)AuthSettings()["condition"]);
        Assert.Equal(string.Empty, (string?)compiled.Root["parameters"]!["authClientId"]!["defaultValue"]);
        Assert.Equal("[parameters('authClientId')]", (string?)FunctionAppModule()["properties"]!["parameters"]!["authClientId"]!["value"]);
        Assert.Equal("[parameters('authTenantId')]", (string?)FunctionAppModule()["properties"]!["parameters"]!["authTenantId"]!["value"]);
    }

    private JsonObject FunctionAppModule() => compiled.ModuleDeclaring("commonAppSettings");

    private JsonObject AuthSettings() =>
        CompiledMainTemplate.ResourcesOf(CompiledMainTemplate.TemplateOf(FunctionAppModule()))
            .Single(resource => (string?)resource["type"] == "Microsoft.Web/sites/config"
                && ((string?)resource["name"])!.Contains("'authsettingsV2'", StringComparison.Ordinal));

    private JsonNode Properties() => AuthSettings()["properties"]!;
}
