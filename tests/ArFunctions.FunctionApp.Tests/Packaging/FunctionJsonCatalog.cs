using System.Text.Json;
using ArFunctions.FunctionApp.Functions;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace ArFunctions.FunctionApp.Tests.Packaging;

/// <summary>Every functions/*/function.json has a handler that matches its bindings, and every handler has a function.json.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionJsonCatalog(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public void EveryFunctionJsonHasAHandlerAndEveryHandlerAFunctionJson()
    {
        var declared = Repository.FunctionFolders.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var handled = HttpHandlers().Select(h => h.Function.Name).Concat(TriggerHandlers().Select(t => t.Name)).ToList();

        Assert.Equal(handled.Count, handled.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(declared.Order(StringComparer.Ordinal), handled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryHttpFunctionJsonForwardsExactlyTheRouteMethodsAndAuthLevelOfItsHandler()
    {
        foreach (var (function, route, methods) in HttpHandlers())
        {
            var bindings = Bindings(function.Name);
            Assert.Equal(2, bindings.Length);
            var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
            Assert.Single(bindings, b => b.GetProperty("type").GetString() == "http" && b.GetProperty("direction").GetString() == "out");
            Assert.Equal("api/" + trigger.GetProperty("route").GetString(), route);
            Assert.Equal(methods.Select(m => m.ToUpperInvariant()).Order(), trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order());
            Assert.Equal(function.AuthLevel.ToString().ToLowerInvariant(), trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void EveryTriggerFunctionJsonBindsWhatItsHandlerReads()
    {
        foreach (var trigger in TriggerHandlers())
        {
            var binding = Assert.Single(Bindings(trigger.Name));
            Assert.Equal(trigger.BindingType, binding.GetProperty("type").GetString());
            Assert.Equal(trigger.BindingName, binding.GetProperty("name").GetString());
            Assert.Equal("in", binding.GetProperty("direction").GetString());
            if (trigger.QueueName is not null)
            {
                Assert.Equal(trigger.QueueName, binding.GetProperty("queueName").GetString());
            }
            else
            {
                Assert.Equal("%DailyRunSchedule%", binding.GetProperty("schedule").GetString());
            }
        }
    }

    /// <summary>
    /// The collector page's static files (api/app/) are anonymous too: they hold no data, and every API call the page
    /// makes carries the function key.
    /// </summary>
    [Fact]
    public void OnlyHealthTheWebhooksAndThePageShellAreAnonymous()
    {
        var anonymous = HttpHandlers().Where(h => h.Function.AuthLevel == AuthLevel.Anonymous).Select(h => h.Route).ToList();

        Assert.All(anonymous, route => Assert.True(
            route == "api/health" || route == "api/app/{*path}" || route.StartsWith("api/webhooks/", StringComparison.Ordinal), route));
    }

    private List<(HttpFunction Function, string Route, IReadOnlyList<string> Methods)> HttpHandlers() =>
        [.. Endpoints()
            .Select(e => (Function: e.Metadata.GetMetadata<HttpFunction>(), e.RoutePattern.RawText, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Function is not null)
            .Select(e => (e.Function!, e.RawText!.TrimStart('/'), e.Methods ?? (IReadOnlyList<string>)["GET"]))];

    private List<TriggerFunction> TriggerHandlers() =>
        [.. Endpoints().Select(e => e.Metadata.GetMetadata<TriggerFunction>()).OfType<TriggerFunction>()];

    private IEnumerable<RouteEndpoint> Endpoints() =>
        Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static JsonElement[] Bindings(string function)
    {
        var path = Path.Combine(Repository.FunctionAppProject, "functions", function, "function.json");
        Assert.True(File.Exists(path), $"{function} has no function.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone())];
    }
}
