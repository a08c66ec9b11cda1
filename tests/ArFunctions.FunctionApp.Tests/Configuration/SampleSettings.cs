using System.Reflection;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Webhooks;
using ArFunctions.Email;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage;
using ArFunctions.Storage.Policies;

namespace ArFunctions.FunctionApp.Tests.Configuration;

/// <summary>local.settings.sample.json lists and explains every setting, and each ArFunctions__ setting is one the handler binds.</summary>
public sealed class SampleSettings
{
    private static readonly Dictionary<string, Type> Sections = new(StringComparer.Ordinal)
    {
        ["ArFunctions__Storage"] = typeof(StorageOptions),
        ["ArFunctions__Policy"] = typeof(PolicyOptions),
        ["ArFunctions__DailyRun"] = typeof(DailyRunOptions),
        ["ArFunctions__Email"] = typeof(EmailOptions),
        ["ArFunctions__Webhooks"] = typeof(WebhookOptions),
        ["ArFunctions__Portal"] = typeof(ArFunctions.Application.Portal.PortalOptions),
    };

    /// <summary>Settings read by the Functions host or the telemetry exporter rather than an options class.</summary>
    private static readonly string[] HostSettings =
        ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage", "DailyRunSchedule", "APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    [Fact]
    public void EverySettingIsExplained()
    {
        var sample = Sample();
        var values = sample.GetProperty("Values").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        var explained = sample.GetProperty("Explanations").EnumerateObject().Where(p => p.Value.GetString()!.Length > 20).Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(values, explained);
    }

    [Fact]
    public void EveryArFunctionsSettingBindsToAPropertyOfItsOptions()
    {
        foreach (var name in Sample().GetProperty("Values").EnumerateObject().Select(p => p.Name).Except(HostSettings))
        {
            var parts = name.Split("__");
            Assert.True(parts.Length >= 3 && Sections.ContainsKey(parts[0] + "__" + parts[1]), $"{name} belongs to no options section");
            var property = Sections[parts[0] + "__" + parts[1]].GetProperty(parts[2], BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is { CanWrite: true }, $"{name}: no settable property {parts[2]}");
        }
    }

    [Fact]
    public void EverySettingTheTriggersNameIsInTheSample()
    {
        var values = Sample().GetProperty("Values");
        var metadata = File.ReadAllText(Path.Combine(AppBuild.Directory, "functions.metadata"));

        foreach (var setting in System.Text.RegularExpressions.Regex.Matches(metadata, "%([^%]+)%").Select(m => m.Groups[1].Value).Distinct())
        {
            Assert.True(values.TryGetProperty(setting.Replace(":", "__", StringComparison.Ordinal), out _), $"functions.metadata names %{setting}%, which the sample lacks");
        }

        var schedule = values.GetProperty("DailyRunSchedule").GetString()!;
        Assert.Equal(6, schedule.Split(' ').Length);
    }

    private static JsonElement Sample() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "local.settings.sample.json"))).RootElement.Clone();
}
