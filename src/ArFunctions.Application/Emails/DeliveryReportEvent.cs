using System.Globalization;
using System.Text.Json;

namespace ArFunctions.Application.Emails;

/// <summary>
/// Reads an ACS delivery report as Event Grid writes it to a storage queue: one event in the Event Grid schema
/// (<c>eventType</c> <see cref="EventType"/>, <c>data</c> with <c>messageId</c>, <c>recipient</c>, <c>status</c>,
/// <c>deliveryStatusDetails.statusMessage</c> and <c>deliveryAttemptTimeStamp</c>). Strict: anything else (another
/// event type, a missing field, a status we do not know, a time without an offset) is an error naming the field.
/// </summary>
public static class DeliveryReportEvent
{
    public const string EventType = "Microsoft.Communication.EmailDeliveryReportReceived";

    public static (DeliveryReport? Report, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "the message is empty");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return (null, $"the message is not JSON: {e.Message}");
        }
    }

    private static (DeliveryReport? Report, string? Error) Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"the message is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an Event Grid event");
        }

        if (Text(root, "eventType") is not { } eventType)
        {
            return (null, "eventType: missing (not an Event Grid event)");
        }

        if (!string.Equals(eventType, EventType, StringComparison.Ordinal))
        {
            return (null, $"eventType: '{eventType}' is not {EventType}");
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return (null, "data: missing or not an object");
        }

        if (Text(data, "messageId") is not { } messageId)
        {
            return (null, "data.messageId: missing");
        }

        if (Text(data, "recipient") is not { } recipient)
        {
            return (null, "data.recipient: missing");
        }

        if (Text(data, "status") is not { } statusText)
        {
            return (null, "data.status: missing");
        }

        // Exactly a status name: no numbers, no comma-joined flags.
        if (!Enum.TryParse<DeliveryStatus>(statusText, ignoreCase: false, out var status) || !string.Equals(status.ToString(), statusText, StringComparison.Ordinal))
        {
            return (null, $"data.status: '{statusText}' is not one of {string.Join(", ", Enum.GetNames<DeliveryStatus>())}");
        }

        if (Text(data, "deliveryAttemptTimeStamp") is not { } attemptText
            || !DateTimeOffset.TryParse(attemptText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var attemptedAt))
        {
            return (null, "data.deliveryAttemptTimeStamp: missing or not a date and time");
        }

        return (new DeliveryReport(messageId, recipient, status, Details(data), attemptedAt.ToUniversalTime()), null);
    }

    /// <summary>The service's words on the delivery (<c>deliveryStatusDetails.statusMessage</c>); null when it gave none.</summary>
    private static string? Details(JsonElement data) =>
        data.TryGetProperty("deliveryStatusDetails", out var details) && details.ValueKind == JsonValueKind.Object
            ? Text(details, "statusMessage")
            : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
