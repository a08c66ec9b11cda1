using System.Globalization;
using System.Text.Json;

namespace ArFunctions.FunctionApp.Protocol;

/// <summary>
/// What the Functions host posts to <c>/{FunctionName}</c> for a non-HTTP trigger:
/// <c>{ "Data": { binding: value }, "Metadata": { ... } }</c>, with the invocation id in a header.
/// </summary>
internal sealed class Invocation(string functionName, string? invocationId, JsonElement data, JsonElement metadata)
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public string FunctionName { get; } = functionName;

    public string? InvocationId { get; } = invocationId;

    /// <summary>The value of one input binding, or null when the host sent none under that name.</summary>
    public JsonElement? Binding(string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A trigger metadata value as text (the host sends numbers and strings; both are accepted).</summary>
    public string? Metadata(string name)
    {
        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public int? MetadataInt(string name) =>
        int.TryParse(Metadata(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Reads the host's envelope; null with a reason when the body is not one.</summary>
    public static async Task<(Invocation? Invocation, string? Error)> ReadAsync(HttpRequest request, string functionName, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return (null, $"the invocation body is not JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "the invocation body is not a JSON object with Data and Metadata");
            }

            var data = root.TryGetProperty("Data", out var d) ? d.Clone() : default;
            var metadata = root.TryGetProperty("Metadata", out var m) ? m.Clone() : default;
            var id = request.Headers[InvocationIdHeader].ToString();
            return (new Invocation(functionName, id.Length == 0 ? null : id, data, metadata), null);
        }
    }
}
