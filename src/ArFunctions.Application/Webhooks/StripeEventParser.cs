using System.Text.Json;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Reads a Stripe event (<c>{ id, type, created, data: { object } }</c>) into a <see cref="PaymentEvent"/>. Our invoice
/// is named by metadata <c>invoice_id</c> or <c>ar_invoice_id</c>, else (on Stripe invoices) by the invoice
/// <c>number</c>. Amounts are minor units scaled by the currency's exponent (<see cref="CurrencyExponent"/>).
/// Event types we do not handle are returned as ignored.
/// </summary>
public static class StripeEventParser
{
    public static IReadOnlySet<string> Handled { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed", "payment_intent.succeeded", "charge.refunded", "charge.dispute.created",
    };

    public static ParsedWebhook Parse(JsonElement root, DateOnly receivedOn)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParsedWebhook.Invalid("body: must be a JSON object");
        }

        if (!JsonFields.Key(root, "id", "", true, out var id, out var error) || !JsonFields.String(root, "type", "", true, out var type, out error))
        {
            return ParsedWebhook.Invalid(error!);
        }

        if (!Handled.Contains(type!))
        {
            return ParsedWebhook.Ignored(id!, type!);
        }

        if (!JsonFields.Object(root, "data", "", out var data, out error) || !JsonFields.Object(data, "object", "data.", out var obj, out error))
        {
            return ParsedWebhook.Invalid(error!);
        }

        var on = JsonFields.UnixDate(root, "created") ?? receivedOn;
        var eventType = type!;
        return eventType switch
        {
            "invoice.paid" or "invoice.payment_succeeded" => Read(id!, eventType, obj, PaymentEventKind.PaymentSucceeded, "amount_paid", true, on),
            "invoice.payment_failed" => Read(id!, eventType, obj, PaymentEventKind.PaymentFailed, "amount_due", true, on),
            "payment_intent.succeeded" => Read(id!, eventType, obj, PaymentEventKind.PaymentSucceeded, "amount_received", false, on),
            "charge.refunded" => Read(id!, eventType, obj, PaymentEventKind.PaymentRefunded, "amount_refunded", false, on),
            _ => Read(id!, eventType, obj, PaymentEventKind.DisputeCreated, "amount", false, on),
        };
    }

    private static ParsedWebhook Read(string id, string type, JsonElement obj, PaymentEventKind kind, string amountField, bool isInvoice, DateOnly on)
    {
        const string path = "data.object.";
        if (!JsonFields.Key(obj, "id", path, true, out var objectId, out var error)
            || !JsonFields.MinorUnits(obj, amountField, path, out var minor, out error)
            || !JsonFields.Currency(obj, "currency", path, out var currency, out error)
            || !InvoiceRef(obj, isInvoice, out var invoiceRef, out error)
            || !PaymentId(obj, type, objectId!, out var paymentId, out error))
        {
            return ParsedWebhook.Invalid(error!);
        }

        if (type == "payment_intent.succeeded" && invoiceRef is null && obj.TryGetProperty("invoice", out var invoice) && invoice.ValueKind == JsonValueKind.String)
        {
            // A payment intent that pays a Stripe invoice arrives again as invoice.paid, which names our invoice.
            return ParsedWebhook.Ignored(id, type);
        }

        var amount = minor / CurrencyExponent.Scale(currency);
        var customer = obj.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var paidOn = isInvoice && obj.TryGetProperty("status_transitions", out var transitions) && transitions.ValueKind == JsonValueKind.Object
            ? JsonFields.UnixDate(transitions, "paid_at") ?? on
            : on;
        var allocations = invoiceRef is null ? Array.Empty<PaymentAllocation>() : [new PaymentAllocation(invoiceRef, amount)];
        var payment = new PaymentEvent(WebhookOptions.StripeSource, id, type, kind, paymentId!, customer, amount, currency, paidOn, allocations);
        return new ParsedWebhook(id, type, payment, null);
    }

    private static bool InvoiceRef(JsonElement obj, bool isInvoice, out string? invoiceRef, out string? error)
    {
        invoiceRef = null;
        error = null;
        if (obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in (string[])["invoice_id", "ar_invoice_id"])
            {
                if (!JsonFields.String(metadata, name, "data.object.metadata.", false, out invoiceRef, out error))
                {
                    return false;
                }

                if (!string.IsNullOrWhiteSpace(invoiceRef))
                {
                    return true;
                }
            }
        }

        if (isInvoice && !JsonFields.String(obj, "number", "data.object.", false, out invoiceRef, out error))
        {
            return false;
        }

        invoiceRef = string.IsNullOrWhiteSpace(invoiceRef) ? null : invoiceRef;
        return true;
    }

    /// <summary>The money movement: the payment intent when the object names one, so one payment seen through several events applies once.</summary>
    private static bool PaymentId(JsonElement obj, string type, string objectId, out string? paymentId, out string? error)
    {
        paymentId = objectId;
        if (!JsonFields.Key(obj, "payment_intent", "data.object.", false, out var intent, out error))
        {
            return false;
        }

        if (type == "payment_intent.succeeded" || type == "invoice.payment_failed")
        {
            return true;
        }

        paymentId = intent ?? (type == "charge.dispute.created" && JsonFields.Key(obj, "charge", "data.object.", false, out var charge, out _) && charge is not null ? charge : objectId);
        return true;
    }
}

/// <summary>
/// Decimal places of a currency's minor unit as Stripe counts them: zero-decimal currencies (JPY, KRW, ...),
/// three-decimal currencies (BHD, KWD, ...), two for every other.
/// </summary>
public static class CurrencyExponent
{
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.Ordinal) { "BHD", "JOD", "KWD", "OMR", "TND" };

    public static int Of(string currency) => ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    public static decimal Scale(string currency) => Of(currency) switch
    {
        0 => 1m,
        3 => 1000m,
        _ => 100m,
    };
}
