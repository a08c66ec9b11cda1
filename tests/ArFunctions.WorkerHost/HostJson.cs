using System.Globalization;
using System.Text.Json;

namespace ArFunctions.WorkerHost;

/// <summary>
/// The parts of the app's host.json this host plays: extensions.http.routePrefix and extensions.queues.
/// Missing values take the Functions host's defaults (route prefix "api"; queues 16/8/5, visibility 0, polling 1 min, base64).
/// </summary>
internal sealed record HostJson(string RoutePrefix, QueueSettings Queues)
{
    private static readonly JsonDocumentOptions ReadOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static HostJson Default { get; } = new("api", HostDefaults());

    /// <summary>Reads <c>host.json</c> in <paramref name="appDirectory"/>; no file means the defaults.</summary>
    public static HostJson Read(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(path))
        {
            return Default;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), ReadOptions);
        var extensions = Property(document.RootElement, "extensions");
        var http = extensions is { } e ? Property(e, "http") : null;
        var prefix = http is { } h && Property(h, "routePrefix") is { ValueKind: JsonValueKind.String } p ? p.GetString()! : "api";
        var queues = extensions is { } e2 && Property(e2, "queues") is { ValueKind: JsonValueKind.Object } q ? ReadQueues(q) : HostDefaults();
        return new HostJson(prefix.Trim('/'), queues);
    }

    private static QueueSettings HostDefaults() =>
        new(16, 8, 5, TimeSpan.Zero, TimeSpan.FromMinutes(1), "base64");

    private static QueueSettings ReadQueues(JsonElement queues)
    {
        var batchSize = Int(queues, "batchSize") ?? 16;
        return new QueueSettings(
            batchSize,
            Int(queues, "newBatchThreshold") ?? batchSize / 2,
            Int(queues, "maxDequeueCount") ?? 5,
            Duration(queues, "visibilityTimeout") ?? TimeSpan.Zero,
            Duration(queues, "maxPollingInterval") ?? TimeSpan.FromMinutes(1),
            Property(queues, "messageEncoding")?.GetString() ?? "base64");
    }

    // host.json keys are case-insensitive for the host's configuration binder.
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static int? Int(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetInt32(),
        { ValueKind: JsonValueKind.String } s => int.Parse(s.GetString()!, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static TimeSpan? Duration(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } s ? TimeSpan.Parse(s.GetString()!, CultureInfo.InvariantCulture) : null;
}
