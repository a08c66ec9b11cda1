using System.Text.Json.Nodes;

namespace ArFunctions.Infra.Tests.Infrastructure;

/// <summary>infra/main.bicep compiled to ARM JSON once per test class.</summary>
public sealed class CompiledMainTemplate : IAsyncLifetime
{
    public JsonObject Root { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var json = await BicepCli.BuildAsync(Repository.PathOf("infra", "main.bicep"), CancellationToken.None);
        Root = JsonNode.Parse(json)!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The resources of a template, whether it lists them (language 1.0) or names them (language 2.0).</summary>
    public static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(resource => resource!.AsObject()),
        JsonObject named => named.Select(pair => pair.Value!.AsObject()),
        _ => [],
    };

    /// <summary>The nested deployment (a module) whose template declares the variable <paramref name="variable"/>.</summary>
    public JsonObject ModuleDeclaring(string variable) => ModuleDeclaring(Root, variable);

    /// <summary>The nested deployment of <paramref name="compiledMain"/> whose template declares <paramref name="variable"/>.</summary>
    public static JsonObject ModuleDeclaring(JsonObject compiledMain, string variable)
    {
        var modules = ResourcesOf(compiledMain)
            .Where(resource => (string?)resource["type"] == "Microsoft.Resources/deployments")
            .Where(module => module["properties"]?["template"]?["variables"]?[variable] is not null)
            .ToList();
        return modules.Count == 1
            ? modules[0]
            : throw new InvalidOperationException($"{modules.Count} modules of main.bicep declare '{variable}'; expected one.");
    }

    public static JsonObject TemplateOf(JsonObject module) => module["properties"]!["template"]!.AsObject();
}
