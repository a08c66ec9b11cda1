using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// Reads a JSON request body with errors a client can act on (where the JSON broke, which field had the wrong type),
/// as problem+json instead of the framework's empty 400 or a 500.
/// </summary>
internal static class JsonBody
{
    /// <summary>Bulk bodies are bounded well below the host's 100 MB request limit.</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType($"Send JSON (Content-Type: application/json), not '{contentType}'."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge($"The body may hold at most {MaxBytes} bytes; split the batch."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken).ConfigureAwait(false);
            return value is null ? (null, Problems.Malformed("The body is JSON null; send a value.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            return (null, Problems.Malformed($"The body is not valid JSON for this request{where}: {FirstSentence(e.Message)}"));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
