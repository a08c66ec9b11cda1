using System.Text.Json.Nodes;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Policies;

/// <summary>A small valid policy for tests to break one thing at a time, and assertions on load results.</summary>
internal static class PolicyJson
{
    public const string Minimal = """
        {
          "segments": [
            { "id": "risky", "when": { "field": "riskScore", "op": ">=", "value": 70 }, "strategy": "firm" },
            { "id": "standard", "default": true, "strategy": "standard" }
          ],
          "strategies": [
            { "id": "firm", "steps": [ { "day": 1, "action": "call" } ] },
            { "id": "standard", "steps": [
                { "day": 5, "action": "email", "template": "overdue" },
                { "day": 10, "action": "escalate", "to": "collections-manager" } ] }
          ]
        }
        """;

    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json");

    /// <summary>The minimal policy after <paramref name="edit"/>.</summary>
    public static string With(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Minimal)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    /// <summary>A JSON fragment as a node, for edits: <c>Node("""{ "day": 1 }""")</c>.</summary>
    public static JsonNode Node(string json) => JsonNode.Parse(json)!;

    public static JsonObject Segment(this JsonObject root, int index) => root["segments"]![index]!.AsObject();

    public static JsonObject Strategy(this JsonObject root, int index) => root["strategies"]![index]!.AsObject();

    public static JsonObject Step(this JsonObject root, int strategy, int step) => root.Strategy(strategy)["steps"]![step]!.AsObject();

    public static CollectionPolicy LoadValid(string json, PolicyLoadOptions? options = null)
    {
        var result = PolicyLoader.Load(json, options);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Policy;
    }

    /// <summary>Asserts the document is rejected with exactly one error, at <paramref name="path"/>, whose message contains <paramref name="message"/>.</summary>
    public static PolicyError SingleError(string json, string path, string message)
    {
        var result = PolicyLoader.Load(json);
        Assert.False(result.IsValid);
        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Asserts that among the errors there is one at <paramref name="path"/> whose message contains <paramref name="message"/>.</summary>
    public static void HasError(PolicyLoadResult result, string path, string message)
    {
        Assert.False(result.IsValid);
        Assert.True(
            result.Errors.Any(e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal)),
            $"Expected '{path}: ...{message}...' among:\n{string.Join("\n", result.Errors)}");
    }
}
