using System.Reflection;
using ArFunctions.Application.DailyRuns;
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
    public void CreatesEveryQueueGivenQueueNames()
    {
        Assert.Equal(ConstantsOf(typeof(QueueNames)), Variable("queueNames"));
    }

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
