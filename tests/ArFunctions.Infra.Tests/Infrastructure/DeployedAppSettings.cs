using System.Text.Json.Nodes;

namespace ArFunctions.Infra.Tests.Infrastructure;

/// <summary>
/// The function app's application settings exactly as a deployment of infra/main.bicep writes them, for one hosting
/// plan: every name and value, parameters at their defaults (placeholders included), module outputs from
/// <see cref="DeploymentStandIns"/>, and the webhook secrets as the literal <c>@Microsoft.KeyVault(SecretUri=...)</c>
/// strings the app sees when the platform cannot resolve them. Made for tests that start the app with the deployed
/// settings: <see cref="ForLocalRun"/> swaps in local stand-ins for the few that need Azure.
/// </summary>
public static class DeployedAppSettings
{
    /// <summary>Where the function app module keeps its settings; it is found by this variable.</summary>
    public const string SettingsVariable = "commonAppSettings";

    private static readonly Lazy<Task<JsonObject>> CompiledMain = new(async () =>
        JsonNode.Parse(await BicepCli.BuildAsync(Repository.PathOf("infra", "main.bicep"), CancellationToken.None))!.AsObject());

    /// <summary>Compiles main.bicep (once per process) and evaluates the app settings for <paramref name="plan"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FromMainBicepAsync(HostingPlan plan, DeploymentStandIns? standIns = null) =>
        FromTemplate(await CompiledMain.Value, plan, standIns ?? new DeploymentStandIns());

    /// <summary>The app settings of an already compiled main.bicep.</summary>
    public static IReadOnlyDictionary<string, string> FromTemplate(JsonObject compiledMain, HostingPlan plan, DeploymentStandIns standIns)
    {
        var main = MainEvaluator(compiledMain, plan, standIns);
        var module = CompiledMainTemplate.ModuleDeclaring(compiledMain, SettingsVariable);
        var template = CompiledMainTemplate.TemplateOf(module);
        var passed = module["properties"]!["parameters"]!.AsObject();
        var declared = template["parameters"]!.AsObject();
        ArmExpression? inner = null;
        inner = ArmExpression.Deep(
            template["variables"]!.AsObject(),
            name => passed[name] is { } given
                ? main.Evaluate(given["value"])
                : inner!.Evaluate(declared[name]?["defaultValue"] ?? throw new InvalidOperationException($"The function app module gets no value for '{name}'.")),
            symbolicName => throw new NotSupportedException($"reference('{symbolicName}') inside the function app module."));

        var config = CompiledMainTemplate.ResourcesOf(template)
            .Single(resource => (string?)resource["type"] == "Microsoft.Web/sites/config"
                && ((string?)resource["name"])!.Contains("'appsettings'", StringComparison.Ordinal));
        var settings = inner.Evaluate(config["properties"])!.AsObject();
        return settings.ToDictionary(pair => pair.Key, pair => TextOf(pair.Key, pair.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// What the Key Vault references of the webhook secrets resolve to when no secret was given (the random
    /// placeholders main.bicep writes to the vault, shaped from <see cref="DeploymentStandIns.PlaceholderSeed"/>), by
    /// app setting name. Overlay them on the deployed settings to start the app as Azure does once references resolve.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> PlaceholderWebhookSecretsAsync(DeploymentStandIns? standIns = null)
    {
        var compiled = await CompiledMain.Value;
        var main = MainEvaluator(compiled, HostingPlan.FlexConsumption, standIns ?? new DeploymentStandIns());
        var vault = CompiledMainTemplate.ResourcesOf(compiled)
            .Single(resource => resource["properties"]?["template"]?["outputs"]?["stripeSecretUri"] is not null);
        var passed = vault["properties"]!["parameters"]!;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ArFunctions__Webhooks__Secrets__stripe"] = TextOf("stripeWebhookSecret", main.Evaluate(passed["stripeWebhookSecret"])!["value"]),
            ["ArFunctions__Webhooks__Secrets__payments"] = TextOf("paymentsWebhookSecret", main.Evaluate(passed["paymentsWebhookSecret"])!["value"]),
        };
    }

    /// <summary>
    /// The deployed settings with local values for those that only work in Azure: storage through the managed identity
    /// becomes <paramref name="storageConnectionString"/> (Azurite), email goes to <paramref name="pickupFolder"/>
    /// instead of ACS, and telemetry export is off. Everything else (webhook references and placeholders included) stays.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForLocalRun(IReadOnlyDictionary<string, string> deployed, string storageConnectionString, string pickupFolder)
    {
        var local = new Dictionary<string, string>(deployed, StringComparer.Ordinal);
        foreach (var name in NeedLocalValues)
        {
            local.Remove(name);
        }

        local["AzureWebJobsStorage"] = storageConnectionString;
        local["ArFunctions__Storage__ConnectionString"] = storageConnectionString;
        local["ArFunctions__Email__Mode"] = "Pickup";
        local["ArFunctions__Email__PickupFolder"] = pickupFolder;
        local["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "";
        local["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "";
        return local;
    }

    /// <summary>Deployed settings that reach Azure with the managed identity; <see cref="ForLocalRun"/> replaces them.</summary>
    public static IReadOnlyList<string> NeedLocalValues { get; } =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "ArFunctions__Storage__TableServiceUri",
        "ArFunctions__Storage__QueueServiceUri",
        "ArFunctions__Storage__ManagedIdentityClientId",
        "ArFunctions__Email__Mode",
        "ArFunctions__Email__Endpoint",
        "ArFunctions__Email__ManagedIdentityClientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    private static ArmExpression MainEvaluator(JsonObject compiledMain, HostingPlan plan, DeploymentStandIns standIns)
    {
        // uniqueString cannot be computed here; the token it gives stands in for it.
        var variables = compiledMain["variables"]!.DeepClone().AsObject();
        variables["token"] = standIns.Token;
        var declared = compiledMain["parameters"]!.AsObject();
        var given = new Dictionary<string, JsonNode?>(standIns.Parameters, StringComparer.Ordinal)
        {
            ["environmentName"] = standIns.EnvironmentName,
            ["location"] = standIns.Location,
            ["hostingPlan"] = plan.ToString(),
            ["placeholderSeed"] = standIns.PlaceholderSeed,
        };
        ArmExpression? main = null;
        main = ArmExpression.Deep(
            variables,
            name => given.TryGetValue(name, out var value)
                ? value?.DeepClone()
                : main!.Evaluate(declared[name]?["defaultValue"] ?? throw new InvalidOperationException($"main.bicep parameter '{name}' has no default and no stand-in.")),
            standIns.ModuleReference);
        return main;
    }

    private static string TextOf(string name, JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        JsonValue v => v.ToJsonString(),
        _ => throw new InvalidOperationException($"App setting {name} is not a plain value: {value?.ToJsonString() ?? "null"}."),
    };
}
