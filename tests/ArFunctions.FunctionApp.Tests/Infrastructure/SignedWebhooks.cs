using System.Globalization;
using System.Net.Http.Headers;
using ArFunctions.Application.Webhooks;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>Webhook requests signed with the test app's secrets, as Stripe and a Standard Webhooks processor sign them.</summary>
public static class SignedWebhooks
{
    public static HttpRequestMessage Stripe(byte[] body)
    {
        var request = Json("/api/webhooks/stripe", body);
        request.Headers.Add("Stripe-Signature", StripeSignatureVerifier.Sign(WorkerApp.StripeSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        return request;
    }

    /// <summary>A Standard Webhooks delivery of the <c>payments</c> source with event id <paramref name="id"/>.</summary>
    public static HttpRequestMessage Payments(byte[] body, string id)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = Json("/api/webhooks/payments", body);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookVerifier.Sign(WorkerApp.PaymentsSecret, id, timestamp, body));
        return request;
    }

    private static HttpRequestMessage Json(string route, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }
}
