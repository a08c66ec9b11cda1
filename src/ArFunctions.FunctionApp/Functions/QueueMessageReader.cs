using System.Text.Json;
using ArFunctions.Storage.Queues;

namespace ArFunctions.FunctionApp.Functions;

/// <summary>
/// Reads a queue trigger's message text (the host has already base64-decoded it) as one of our messages. Fields are
/// checked strictly: a missing or null required field makes the message malformed rather than a default value. A
/// message that is a JSON string holding the JSON (quoted twice by some tool on the way) is read through.
/// </summary>
internal static class QueueMessageReader
{
    private static readonly JsonSerializerOptions Strict = new(QueueSender.SerializerOptions)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
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
