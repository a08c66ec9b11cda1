using System.Text.Json;
using ArFunctions.Storage.Queues;

namespace ArFunctions.FunctionApp.Protocol;

/// <summary>
/// Reads a queue trigger's message. The host hands the message text over as a JSON string, and because it
/// JSON-serializes strings, a message that is itself JSON can arrive either as that string (<c>"{\"asOf\":...}"</c>)
/// or already parsed as an object; both forms are accepted. Fields are checked strictly: a missing or null required
/// field makes the message malformed rather than a default value.
/// </summary>
internal static class QueueMessageReader
{
    private static readonly JsonSerializerOptions Strict = new(QueueSender.SerializerOptions)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>The message's text as it sits in the queue (what a poison copy must hold).</summary>
    public static string? Text(JsonElement? binding) => binding switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { } value => value.GetRawText(),
    };

    public static (T? Message, string? Error) Read<T>(string? text)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "the message is empty");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                // Quoted twice on the way: the string's content is the message.
                return Read<T>(root.GetString());
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, $"the message is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }

            var message = root.Deserialize<T>(Strict);
            return message is null ? (null, "the message is null") : (message, null);
        }
        catch (JsonException e)
        {
            return (null, $"the message is not a valid {typeof(T).Name}: {e.Message}");
        }
        catch (FormatException e)
        {
            return (null, $"the message is not a valid {typeof(T).Name}: {e.Message}");
        }
    }
}
