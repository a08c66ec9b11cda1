using System.Text.Json.Nodes;
using ArFunctions.Infra.Tests.Infrastructure;

namespace ArFunctions.Infra.Tests;

/// <summary>
/// The function app's settings in the compiled infra/main.bicep against what the app reads
/// (local.settings.sample.json, mapped to Azure by <see cref="ExpectedAppSettings"/>), for each hosting plan.
/// </summary>
public sealed class MainBicepAppSettings(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    // The function app module names its settings in these variables; appsettings is computed from them per plan.
    private const string CommonSettingsVariable = "commonAppSettings";

    [Theory]
    [InlineData(HostingPlan.FlexConsumption)]
    [InlineData(HostingPlan.ElasticPremium)]
    public void SetsEverySettingTheAppReadsGivenPlan(HostingPlan plan)
    {
        var missing = ExpectedAppSettings.ExpectedInAzure(plan).Except(AppSettings(plan).Select(pair => pair.Key)).Order();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData(HostingPlan.FlexConsumption)]
    [InlineData(HostingPlan.ElasticPremium)]
    public void SetsNothingTheAppOrPlatformDoesNotReadGivenPlan(HostingPlan plan)
    {
        var unread = AppSettings(plan).Select(pair => pair.Key).Except(ExpectedAppSettings.ExpectedInAzure(plan)).Order();

        Assert.Empty(unread);
    }

    [Fact]
    public async Task SetsWorkerRuntimeOnlyGivenElasticPremium()
    {
        var flex = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption);
        var premium = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.ElasticPremium);

        Assert.False(flex.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        Assert.Equal("dotnet-isolated", premium["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Theory]
    [InlineData("ArFunctions__Webhooks__Secrets__stripe")]
    [InlineData("ArFunctions__Webhooks__Secrets__payments")]
    public void ReferencesKeyVaultGivenWebhookSecret(string name)
    {
        var value = (string?)AppSettings(HostingPlan.FlexConsumption)[name];

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})', ", value, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvesKeyVaultReferencesWithAppIdentityGivenUserAssignedIdentity()
    {
        var site = Resource("Microsoft.Web/sites");

        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
    }

    [Fact]
    public void AuthenticatesWithManagedIdentityGivenStorageEmailAndTelemetry()
    {
        var settings = AppSettings(HostingPlan.FlexConsumption);

        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("Acs", (string?)settings["ArFunctions__Email__Mode"]);
        Assert.Equal(
            "[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]",
            (string?)settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.DoesNotContain(settings, pair => pair.Key.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
            && pair.Key != "APPLICATIONINSIGHTS_CONNECTION_STRING");
    }

    [Theory]
    [InlineData(HostingPlan.FlexConsumption, "FC1")]
    [InlineData(HostingPlan.ElasticPremium, "EP1")]
    public void HostsOnPlanSkuGivenPlan(HostingPlan plan, string sku)
    {
        var evaluated = Evaluator(plan).Evaluate(Resource("Microsoft.Web/serverfarms")["sku"]);

        Assert.Equal(sku, (string?)evaluated!["name"]);
    }

    [Fact]
    public void RunsDotnetIsolatedTenInFunctionAppConfigGivenFlexConsumption()
    {
        var config = Evaluator(HostingPlan.FlexConsumption).Evaluate(Resource("Microsoft.Web/sites")["properties"]!["functionAppConfig"]);

        Assert.Equal("dotnet-isolated", (string?)config!["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Null(Evaluator(HostingPlan.FlexConsumption).Evaluate(Resource("Microsoft.Web/sites")["properties"]!["siteConfig"]!["linuxFxVersion"]));
    }

    [Fact]
    public void RunsDotnetIsolatedTenInLinuxFxVersionGivenElasticPremium()
    {
        var site = Resource("Microsoft.Web/sites")["properties"]!;

        Assert.Equal("DOTNET-ISOLATED|10.0", (string?)Evaluator(HostingPlan.ElasticPremium).Evaluate(site["siteConfig"]!["linuxFxVersion"]));
        Assert.Null(Evaluator(HostingPlan.ElasticPremium).Evaluate(site["functionAppConfig"]));
    }

    [Fact]
    public void OffersEveryPlanGivenHostingPlanParameter()
    {
        var parameter = compiled.Root["parameters"]!["hostingPlan"]!;
        var passed = FunctionAppModule()["properties"]!["parameters"]!["hostingPlan"]!["value"];

        Assert.Equal(Enum.GetNames<HostingPlan>(), parameter["allowedValues"]!.AsArray().Select(value => (string?)value));
        Assert.Equal(nameof(HostingPlan.FlexConsumption), (string?)parameter["defaultValue"]);
        Assert.Equal("[parameters('hostingPlan')]", (string?)passed);
    }

    private JsonObject FunctionAppModule() => compiled.ModuleDeclaring(CommonSettingsVariable);

    private ArmExpression Evaluator(HostingPlan plan) => new(
        CompiledMainTemplate.TemplateOf(FunctionAppModule())["variables"]!.AsObject(),
        // The portal's settings exist only when a key secret is given; by default (as here) it is off.
        new Dictionary<string, JsonNode?>
        {
            ["hostingPlan"] = JsonValue.Create(plan.ToString()),
            ["portalKeySecretUri"] = JsonValue.Create(""),
            ["portalPreviousKeySecretUri"] = JsonValue.Create(""),
        });

    private JsonObject Resource(string type) =>
        CompiledMainTemplate.ResourcesOf(CompiledMainTemplate.TemplateOf(FunctionAppModule()))
            .Single(resource => (string?)resource["type"] == type);

    /// <summary>The properties of the site's appsettings config, evaluated for <paramref name="plan"/>.</summary>
    private JsonObject AppSettings(HostingPlan plan)
    {
        var config = CompiledMainTemplate.ResourcesOf(CompiledMainTemplate.TemplateOf(FunctionAppModule()))
            .Single(resource => (string?)resource["type"] == "Microsoft.Web/sites/config"
                && ((string?)resource["name"])!.Contains("'appsettings'", StringComparison.Ordinal));
        return Evaluator(plan).Evaluate(config["properties"])!.AsObject();
    }
}
