using System.Text.Json;
using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Reads a Stripe event (<c>{ id, type, created, data: { object } }</c>) into a <see cref="PaymentEvent"/>, in the API's
/// current shape and the older one. Our invoice is named by metadata <c>invoice_id</c> or <c>ar_invoice_id</c>, else (on
/// Stripe invoices) by the invoice <c>number</c>. The payment is the underlying money movement (<see cref="PaymentIdOf"/>):
/// the payment intent, else the charge, whichever event reports it; an invoice event that names none (the current shape
/// without expanded <c>payments</c>) is an invoice total (<see cref="PaymentEvent.IsInvoiceTotal"/>). Amounts are minor
/// units scaled by the currency's exponent (<see cref="CurrencyExponent"/>); timestamps become dates in
/// the business time zone passed in. Event types we do not handle are returned as ignored.
/// </summary>
public static class StripeEventParser
{
    private const string ObjectPath = "data.object.";

    public static IReadOnlySet<string> Handled { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "invoice.paid", "invoice.payment_succeeded", "invoice.payment_failed", "payment_intent.succeeded", "charge.succeeded", "charge.refunded", "charge.dispute.created",
    };

    public static ParsedWebhook Parse(JsonElement root, DateOnly receivedOn, TimeZoneInfo zone)
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

        if (type == "charge.succeeded" && obj.TryGetProperty("captured", out var captured) && captured.ValueKind == JsonValueKind.False)
        {
            // An authorization only: no money has moved until the charge is captured.
            return ParsedWebhook.Ignored(id!, type!);
        }

        var read = new EventRead(id!, type!, JsonFields.UnixDate(root, "created", zone) ?? receivedOn, zone);
        return read.Type switch
        {
            "invoice.paid" or "invoice.payment_succeeded" => Read(read, obj, PaymentEventKind.PaymentSucceeded, "amount_paid", true),
            "invoice.payment_failed" => Read(read, obj, PaymentEventKind.PaymentFailed, "amount_due", true),
            "payment_intent.succeeded" => Read(read, obj, PaymentEventKind.PaymentSucceeded, "amount_received", false),
            "charge.succeeded" => Read(read, obj, PaymentEventKind.PaymentSucceeded, obj.TryGetProperty("amount_captured", out _) ? "amount_captured" : "amount", false),
            "charge.refunded" => Read(read, obj, PaymentEventKind.PaymentRefunded, "amount_refunded", false),
            _ => Read(read, obj, PaymentEventKind.DisputeCreated, "amount", false),
        };
    }

    private static ParsedWebhook Read(EventRead read, JsonElement obj, PaymentEventKind kind, string amountField, bool isInvoice)
    {
        if (!JsonFields.Key(obj, "id", ObjectPath, true, out var objectId, out var error)
            || !JsonFields.MinorUnits(obj, amountField, ObjectPath, out var minor, out error)
            || !JsonFields.Currency(obj, "currency", ObjectPath, out var currency, out error)
            || !InvoiceRef(obj, isInvoice, out var invoiceRef, out error)
            || !PaymentIdOf(obj, read.Type, objectId!, out var named, out error))
        {
            return ParsedWebhook.Invalid(error!);
        }

        if (read.Type is "payment_intent.succeeded" or "charge.succeeded" && invoiceRef is null && obj.TryGetProperty("invoice", out var invoice) && invoice.ValueKind == JsonValueKind.String)
        {
            // The older shape: a payment of a Stripe invoice arrives again as invoice.paid, which names our invoice.
            return ParsedWebhook.Ignored(read.Id, read.Type);
        }

        var paymentAmount = isInvoice && kind == PaymentEventKind.PaymentSucceeded && named.Amount is { } one ? one : minor;
        var amount = paymentAmount / CurrencyExponent.Scale(currency);
        var customer = obj.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var paidOn = isInvoice && obj.TryGetProperty("status_transitions", out var transitions) && transitions.ValueKind == JsonValueKind.Object
            ? JsonFields.UnixDate(transitions, "paid_at", read.Zone) ?? read.On
            : read.On;
        var allocations = invoiceRef is null ? Array.Empty<PaymentAllocation>() : [new PaymentAllocation(invoiceRef, amount)];
        var isTotal = isInvoice && kind == PaymentEventKind.PaymentSucceeded && named.Id is null;
        var payment = new PaymentEvent(WebhookOptions.StripeSource, read.Id, read.Type, kind, named.Id ?? objectId!, customer, amount, currency, paidOn, allocations, isTotal);
        return new ParsedWebhook(read.Id, read.Type, payment, null);
    }

    private static bool InvoiceRef(JsonElement obj, bool isInvoice, out string? invoiceRef, out string? error)
    {
        invoiceRef = null;
        error = null;
        if (obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in (string[])["invoice_id", "ar_invoice_id"])
            {
                if (!JsonFields.String(metadata, name, ObjectPath + "metadata.", false, out invoiceRef, out error))
                {
                    return false;
                }

                if (!string.IsNullOrWhiteSpace(invoiceRef))
                {
                    return true;
                }
            }
        }

        if (isInvoice && !JsonFields.String(obj, "number", ObjectPath, false, out invoiceRef, out error))
        {
            return false;
        }

        invoiceRef = string.IsNullOrWhiteSpace(invoiceRef) ? null : invoiceRef;
        return true;
    }

    /// <summary>
    /// The underlying payment an object names, so one payment reported by several events applies once: a payment intent
    /// is itself; a charge, refund or dispute names its payment intent, else its charge (a charge without a payment intent
    /// is the payment). An invoice names its payment by the top-level <c>payment_intent</c> (or <c>charge</c>) in the older
    /// shape, by <c>payments.data[].payment</c> in the current one when expanded, with that payment's own amount; several
    /// payments, or none listed, leave it unnamed (Id null). A failed invoice payment is keyed by the invoice.
    /// </summary>
    private static bool PaymentIdOf(JsonElement obj, string type, string objectId, out NamedPayment named, out string? error)
    {
        named = new NamedPayment(null, null);
        if (!JsonFields.Key(obj, "payment_intent", ObjectPath, false, out var intent, out error)
            || !JsonFields.Key(obj, "charge", ObjectPath, false, out var charge, out error))
        {
            return false;
        }

        named = type switch
        {
            "payment_intent.succeeded" => new NamedPayment(objectId, null),
            "invoice.payment_failed" => new NamedPayment(objectId, null),
            "invoice.paid" or "invoice.payment_succeeded" => intent is not null || charge is not null
                ? new NamedPayment(intent ?? charge, null)
                : ListedPayment(obj),
            "charge.succeeded" or "charge.refunded" => new NamedPayment(intent ?? objectId, null),
            _ => new NamedPayment(intent ?? charge ?? objectId, null),
        };
        return true;
    }

    /// <summary>The one payment an expanded <c>payments</c> list holds (paid ones, if any are marked), with its amount_paid.</summary>
    private static NamedPayment ListedPayment(JsonElement invoice)
    {
        if (!invoice.TryGetProperty("payments", out var payments) || payments.ValueKind != JsonValueKind.Object
            || !payments.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return new NamedPayment(null, null);
        }

        var found = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || (item.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.GetString() != "paid")
                || !item.TryGetProperty("payment", out var payment) || payment.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var id = IdOf(payment, "payment_intent") ?? IdOf(payment, "charge");
            if (id is not null)
            {
                long? amount = item.TryGetProperty("amount_paid", out var paid) && paid.TryGetInt64(out var value) && value >= 0 ? value : null;
                found[id] = amount;
            }
        }

        return found.Count == 1 ? new NamedPayment(found.Keys.Single(), found.Values.Single()) : new NamedPayment(null, null);
    }

    /// <summary>An id field that is a string, or an expanded object's id; null when absent or not a valid key.</summary>
    private static string? IdOf(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        var id = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Object when element.TryGetProperty("id", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
            _ => null,
        };
        return id is not null && EntityKey.IsValid(id, out _) ? id : null;
    }

    private sealed record EventRead(string Id, string Type, DateOnly On, TimeZoneInfo Zone);

    /// <summary>A payment named by an object, and (for an invoice's listed payment) its own amount in minor units.</summary>
    private readonly record struct NamedPayment(string? Id, long? Amount);
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
