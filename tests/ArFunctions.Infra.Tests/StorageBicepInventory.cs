using System.Reflection;
using System.Text.Json.Nodes;
using ArFunctions.Infra.Tests.Infrastructure;
using ArFunctions.Storage.Tables;

namespace ArFunctions.Infra.Tests;

/// <summary>The tables and queues infra/modules/storage.bicep creates against the names the code uses.</summary>
public sealed class StorageBicepInventory(CompiledMainTemplate compiled) : IClassFixture<CompiledMainTemplate>
{
    [Fact]
    public void CreatesEveryTableGivenStorageTablesNames()
    {
        Assert.Equal(ConstantsOf(typeof(StorageTables)), Variable("tableNames"));
    }

    [Fact]
    public void CreatesEveryQueueBaseNameGivenTheCodesBaseNames()
    {
        Assert.Equal(QueueBaseNames.Order(StringComparer.Ordinal), Variable("queueBaseNames"));
    }

    [Fact]
    public void NamesQueuesPrefixPlusBaseNameAndPoisonQueuesWithSuffix()
    {
        var allQueueNames = (string?)CompiledMainTemplate.TemplateOf(compiled.ModuleDeclaring("queueBaseNames"))["variables"]!["allQueueNames"];

        Assert.Equal(
            "[flatten(map(variables('queueBaseNames'), lambda('queue', createArray(format('{0}{1}', parameters('queuePrefix'), lambdaVariables('queue')), format('{0}{1}-poison', parameters('queuePrefix'), lambdaVariables('queue'))))))]",
            allQueueNames);
    }

    [Fact]
    public async Task DeploysTheSampleQueuePrefixToTheQueuesAndTheAppGivenDefaults()
    {
        var samplePrefix = SampleQueuePrefix();
        var storageModule = compiled.ModuleDeclaring("queueBaseNames");
        var deployed = await DeployedAppSettings.FromMainBicepAsync(HostingPlan.FlexConsumption);

        Assert.Equal("ar-", samplePrefix);
        Assert.Equal(samplePrefix, (string?)compiled.Root["parameters"]!["queuePrefix"]!["defaultValue"]);
        Assert.Equal("[parameters('queuePrefix')]", (string?)storageModule["properties"]!["parameters"]!["queuePrefix"]!["value"]);
        Assert.Equal(samplePrefix, deployed["ArFunctions__Storage__QueuePrefix"]);
        Assert.Equal(["ar-delivery-reports", "ar-emails", "ar-payments", "ar-shards", "ar-tasks"], QueueBaseNames.Select(name => samplePrefix + name).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The code's queue base names (the app names a queue prefix + base name, its poison queue + '-poison'). Listed
    /// here rather than read from QueueNames while the queue naming moves into one place in the function app's code.
    /// </summary>
    private static readonly string[] QueueBaseNames = ["shards", "emails", "tasks", "payments", "delivery-reports"];

    private static string SampleQueuePrefix() =>
        (string)JsonNode.Parse(File.ReadAllText(Repository.PathOf("local.settings.sample.json")))!["Values"]!["ArFunctions__Storage__QueuePrefix"]!;

    private IEnumerable<string> Variable(string name) =>
        CompiledMainTemplate.TemplateOf(compiled.ModuleDeclaring(name))["variables"]![name]!.AsArray()
            .Select(value => (string)value!)
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);
}
