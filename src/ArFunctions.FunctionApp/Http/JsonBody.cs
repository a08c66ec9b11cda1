using System.Text.Json;
using ArFunctions.Application;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// Reads a request body (already held to the route's limit by <see cref="BodyGate"/>) and, for JSON bodies, gives errors
/// a client can act on (bytes that are not text, where the JSON broke, which field had the wrong type) as
/// problem+json instead of the framework's empty 400 or a 500.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType($"Send JSON (Content-Type: application/json), not '{contentType}'."));
        }

        var body = await ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        if (JsonText.FindUndecodable(body) is { } undecodable)
        {
            return (null, Problems.Malformed($"The body cannot be read as text: {undecodable}."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, options);
            return value is null ? (null, Problems.Malformed("The body is JSON null; send a value.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            return (null, Problems.Malformed($"The body is not valid JSON for this request{where}: {FirstSentence(e.Message)}"));
        }
    }

    /// <summary>The whole body; bounded, since <see cref="BodyGate"/> let through only bodies within the route's limit.</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Body is MemoryStream { Position: 0 } held)
        {
            return held.ToArray();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
