using System.Globalization;
using System.Text.Json;
using ArFunctions.Application.Webhooks;
using ArFunctions.Local;

namespace ArFunctions.FaultReplay;

/// <summary>
/// One payment of one invoice as Stripe reports it twice: <c>payment_intent.succeeded</c> and <c>invoice.paid</c>, the
/// invoice in the older shape (a top-level <c>payment_intent</c>) or the current one without expanded payments (an
/// invoice total, <c>amount_paid</c>). Both must apply as one payment, in either order.
/// </summary>
public static class StripePairs
{
    /// <summary>The replay's Stripe endpoint secret; configured as ArFunctions:Webhooks:Secrets:stripe.</summary>
    public const string Secret = "whsec_replaystripeendpointsecret";

    public static IReadOnlyList<WebhookRequest> Build(string paymentKey, string invoiceId, decimal amount, string currency, DateTimeOffset now, bool currentShape)
    {
        var minor = decimal.ToInt64(amount * CurrencyExponent.Scale(currency));
        var created = now.ToUnixTimeSeconds();
        var intent = "pi_" + paymentKey;
        var lower = currency.ToLowerInvariant();
        var paid = new
        {
            id = "evt_pi_" + paymentKey,
            @object = "event",
            type = "payment_intent.succeeded",
            created,
            data = new { @object = new { id = intent, @object = "payment_intent", amount = minor, amount_received = minor, currency = lower, status = "succeeded", metadata = new { invoice_id = invoiceId } } },
        };
        object invoice = currentShape
            ? new { id = "in_" + paymentKey, @object = "invoice", amount_paid = minor, amount_due = minor, currency = lower, status = "paid", metadata = new { invoice_id = invoiceId }, status_transitions = new { paid_at = created } }
            : new { id = "in_" + paymentKey, @object = "invoice", amount_paid = minor, amount_due = minor, currency = lower, status = "paid", payment_intent = intent, metadata = new { invoice_id = invoiceId }, status_transitions = new { paid_at = created } };
        var invoicePaid = new { id = "evt_in_" + paymentKey, @object = "event", type = "invoice.paid", created, data = new { @object = invoice } };
        return [Signed(JsonSerializer.SerializeToUtf8Bytes(paid), created), Signed(JsonSerializer.SerializeToUtf8Bytes(invoicePaid), created)];
    }

    private static WebhookRequest Signed(byte[] body, long timestamp) => new(
        WebhookOptions.StripeSource,
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [StripeSignatureVerifier.HeaderName] = StripeSignatureVerifier.Sign(Secret, timestamp, body) },
        body);

    /// <summary>The event id a request carries (both sources).</summary>
    public static string EventIdOf(WebhookRequest request) =>
        request.Headers.TryGetValue(StandardWebhookVerifier.IdHeader, out var id)
            ? id
            : JsonDocument.Parse(request.Body).RootElement.GetProperty("id").GetString() ?? "";

    public static string Format(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
