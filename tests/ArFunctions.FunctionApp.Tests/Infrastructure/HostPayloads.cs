using System.Net.Http.Json;
using System.Text.Json;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Requests exactly as the Functions host sends them to a custom handler: POST /{FunctionName} with
/// { Data, Metadata } and the invocation id header; HTTP functions forwarded as the original request.
/// </summary>
public static class HostPayloads
{
    /// <summary>How the host may hand over a queue message's text.</summary>
    public enum QueueForm
    {
        /// <summary>A JSON string whose content is the message: <c>"message": "{\"asOf\":...}"</c>.</summary>
        String,

        /// <summary>Quoted once more: <c>"message": "\"{\\\"asOf\\\":...}\""</c>.</summary>
        QuotedString,

        /// <summary>Already parsed: <c>"message": { "asOf": ... }</c>.</summary>
        Object,
    }

    /// <summary>The host writes property names as they are (PascalCase), not camelCase.</summary>
    private static readonly JsonSerializerOptions HostJson = new();

    public static object Timer(bool isPastDue, DateTimeOffset? last = null) => new
    {
        Data = new
        {
            timer = new
            {
                Schedule = new { AdjustForDST = false },
                ScheduleStatus = new { Last = last ?? DateTimeOffset.Parse("2026-11-21T05:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture), Next = "2026-11-23T05:00:00+00:00", LastUpdated = "2026-11-21T05:00:00+00:00" },
                IsPastDue = isPastDue,
            },
        },
        Metadata = new { sys = new { MethodName = "DailyRun", UtcNow = "2026-11-23T05:00:00Z", RandGuid = Guid.NewGuid() } },
    };

    public static object Queue(string functionName, string messageText, QueueForm form = QueueForm.String, object? dequeueCount = null)
    {
        object message = form switch
        {
            QueueForm.String => messageText,
            QueueForm.QuotedString => JsonSerializer.Serialize(messageText),
            _ => JsonDocument.Parse(messageText).RootElement.Clone(),
        };
        return new
        {
            Data = new { message },
            Metadata = new
            {
                DequeueCount = dequeueCount ?? 1,
                Id = Guid.NewGuid().ToString(),
                InsertionTime = "2026-11-23T05:00:01+00:00",
                ExpirationTime = "2026-11-30T05:00:01+00:00",
                NextVisibleTime = "2026-11-23T05:10:01+00:00",
                PopReceipt = "AgAAAAMAAAAAAAAA",
                sys = new { MethodName = functionName, UtcNow = "2026-11-23T05:00:02Z", RandGuid = Guid.NewGuid() },
            },
        };
    }

    public static Task<HttpResponseMessage> InvokeAsync(this HttpClient client, string functionName, object payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/" + functionName) { Content = JsonContent.Create(payload, options: HostJson) };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.300.0");
        return client.SendAsync(request);
    }

    /// <summary>A forwarded HTTP request: the original method, path, query and body, with the function key header the host checked.</summary>
    public static HttpRequestMessage Forwarded(HttpMethod method, string pathAndQuery, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        request.Headers.Add("x-functions-key", "test-function-key");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return request;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
