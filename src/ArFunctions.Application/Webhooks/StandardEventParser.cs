using System.Globalization;
using System.Text.Json;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Reads our own payment event schema (docs/webhooks.md), sent with Standard Webhooks; the event id is the
/// <c>webhook-id</c> header. Unknown types are returned as ignored.
/// </summary>
public static class StandardEventParser
{
    public const int MaxAllocations = 100;

    private static readonly Dictionary<string, PaymentEventKind> Kinds = new(StringComparer.Ordinal)
    {
        ["payment.succeeded"] = PaymentEventKind.PaymentSucceeded,
        ["payment.refunded"] = PaymentEventKind.PaymentRefunded,
        ["payment.failed"] = PaymentEventKind.PaymentFailed,
        ["dispute.created"] = PaymentEventKind.DisputeCreated,
    };

    public static ParsedWebhook Parse(string source, string eventId, JsonElement root, DateOnly receivedOn)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParsedWebhook.Invalid("body: must be a JSON object");
        }

        if (!JsonFields.String(root, "type", "", true, out var type, out var error))
        {
            return ParsedWebhook.Invalid(error!);
        }

        if (!Kinds.TryGetValue(type!, out var kind))
        {
            return ParsedWebhook.Ignored(eventId, type!);
        }

        const string path = "data.";
        if (!JsonFields.Object(root, "data", "", out var data, out error)
            || !JsonFields.Key(data, "paymentId", path, true, out var paymentId, out error)
            || !JsonFields.Key(data, "customerId", path, false, out var customerId, out error)
            || !JsonFields.Decimal(data, "amount", path, out var amount, out error)
            || !JsonFields.Currency(data, "currency", path, out var currency, out error)
            || !PaidOn(data, kind, receivedOn, out var paidOn, out error)
            || !Allocations(data, kind, amount, out var allocations, out error))
        {
            return ParsedWebhook.Invalid(error!);
        }

        var payment = new PaymentEvent(source, eventId, type!, kind, paymentId!, customerId, amount, currency, paidOn, allocations);
        return new ParsedWebhook(eventId, type, payment, null);
    }

    private static bool PaidOn(JsonElement data, PaymentEventKind kind, DateOnly receivedOn, out DateOnly paidOn, out string? error)
    {
        paidOn = receivedOn;
        if (!JsonFields.String(data, "paidOn", "data.", kind == PaymentEventKind.PaymentSucceeded, out var text, out error))
        {
            return false;
        }

        if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out paidOn))
        {
            error = "data.paidOn: must be a date yyyy-MM-dd";
            return false;
        }

        return true;
    }

    private static bool Allocations(JsonElement data, PaymentEventKind kind, decimal amount, out IReadOnlyList<PaymentAllocation> allocations, out string? error)
    {
        allocations = [];
        error = null;
        if (!data.TryGetProperty("allocations", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > MaxAllocations)
        {
            error = $"data.allocations: must be an array of at most {MaxAllocations} items";
            return false;
        }

        var list = new List<PaymentAllocation>();
        foreach (var item in array.EnumerateArray())
        {
            var path = $"data.allocations[{list.Count.ToString(CultureInfo.InvariantCulture)}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = path.TrimEnd('.') + ": must be an object";
                return false;
            }

            if (!JsonFields.Key(item, "invoiceId", path, true, out var invoiceId, out error) || !JsonFields.Decimal(item, "amount", path, out var part, out error))
            {
                return false;
            }

            list.Add(new PaymentAllocation(invoiceId, part));
        }

        if (kind == PaymentEventKind.PaymentSucceeded && list.Sum(a => a.Amount) > amount)
        {
            error = "data.allocations: the allocated amounts add up to more than data.amount";
            return false;
        }

        allocations = list;
        return true;
    }
}
