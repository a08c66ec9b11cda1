using System.Globalization;
using System.Text.Json;
using ArFunctions.Application.Webhooks;
using ArFunctions.Samples.Simulation;

namespace ArFunctions.Local;

/// <summary>
/// A customer's payment as a payment processor would post it to <c>/api/webhooks/payments</c>: a
/// <c>payment.succeeded</c> event of our schema (docs/webhooks.md) signed with Standard Webhooks headers.
/// </summary>
public static class PaymentWebhooks
{
    public const string Source = "payments";

    /// <summary>The demo processor's secret (whsec_ + base64 key); configured as ArFunctions:Webhooks:Secrets:payments.</summary>
    public const string DemoSecret = "whsec_YXItZGVtby1wYXltZW50cy13ZWJob29rLXNlY3JldCE=";

    /// <summary>An event allocates at most this many invoices (the schema's limit); a larger payment is split.</summary>
    public const int MaxAllocations = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One signed request per at most 100 invoices of <paramref name="payment"/>, timestamped <paramref name="now"/>.</summary>
    public static IEnumerable<WebhookRequest> Build(CustomerPayment payment, DateOnly paidOn, DateTimeOffset now, string secret)
    {
        var part = 0;
        foreach (var invoices in payment.Invoices.Chunk(MaxAllocations))
        {
            var paymentId = $"demo-{payment.Customer.Id.Value}-{paidOn:yyyyMMdd}-{++part}";
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = "payment.succeeded",
                data = new
                {
                    paymentId,
                    customerId = payment.Customer.Id.Value,
                    amount = invoices.Sum(i => i.OpenAmount),
                    currency = invoices[0].Currency.Value,
                    paidOn = paidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    allocations = invoices.Select(i => new { invoiceId = i.Id.Value, amount = i.OpenAmount }),
                },
            }, Json);
            var eventId = "evt-" + paymentId;
            var timestamp = now.ToUnixTimeSeconds();
            yield return new WebhookRequest(Source, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                [StandardWebhookVerifier.IdHeader] = eventId,
                [StandardWebhookVerifier.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
                [StandardWebhookVerifier.SignatureHeader] = StandardWebhookVerifier.Sign(secret, eventId, timestamp, body),
            }, body);
        }
    }
}

/// <summary>What a webhook request carries to <see cref="ReceiveWebhook.ReceiveAsync"/>.</summary>
public sealed record WebhookRequest(string Source, IReadOnlyDictionary<string, string> Headers, byte[] Body);
