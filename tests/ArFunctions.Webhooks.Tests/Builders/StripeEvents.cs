using System.Text.Json.Nodes;
using Stripe;

namespace ArFunctions.Webhooks.Tests.Builders;

/// <summary>
/// Stripe event bodies built with Stripe.net's own object model and serializer, in the API's current shape (an invoice
/// without a top-level payment_intent; its payments listed only when expanded) and, where it differs, the older one.
/// </summary>
public static class StripeEvents
{
    /// <summary>When the events happened: 2026-11-02 09:00 UTC, as the harness's clock.</summary>
    public static readonly DateTime Created = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>The shape of an invoice event's payment reference.</summary>
    public enum InvoiceShape
    {
        /// <summary>The current shape as webhooks deliver it: no payment named (payments not expanded).</summary>
        Current,

        /// <summary>The current shape with <c>payments</c> expanded: payments.data[].payment.payment_intent.</summary>
        CurrentExpanded,

        /// <summary>The older shape: a top-level <c>payment_intent</c> on the invoice.</summary>
        Older,
    }

    public static string Invoice(string eventId, string type, string number, long amountPaid, InvoiceShape shape, string paymentIntent = "pi_1", DateTime? paidAt = null)
    {
        var invoice = new Invoice
        {
            Id = "in_" + number.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant(),
            Object = "invoice",
            Number = number,
            AmountPaid = amountPaid,
            Currency = "eur",
            CustomerId = "cus_1",
            Status = "paid",
            StatusTransitions = new InvoiceStatusTransitions { PaidAt = paidAt ?? Created },
            Metadata = [],
            Payments = shape == InvoiceShape.CurrentExpanded
                ? new StripeList<InvoicePayment>
                {
                    Object = "list",
                    Data =
                    [
                        new InvoicePayment
                        {
                            Id = "inpay_" + paymentIntent,
                            Object = "invoice_payment",
                            AmountPaid = amountPaid,
                            Currency = "eur",
                            Status = "paid",
                            Payment = new InvoicePaymentPayment { Type = "payment_intent", PaymentIntentId = paymentIntent },
                        },
                    ],
                }
                : null,
        };
        var json = Wrap(eventId, type, invoice);
        return shape == InvoiceShape.Older ? WithObjectField(json, "payment_intent", paymentIntent) : json;
    }

    public static string PaymentIntentSucceeded(string eventId, string paymentIntent, long amount, string? invoiceId) =>
        Wrap(eventId, "payment_intent.succeeded", new PaymentIntent
        {
            Id = paymentIntent,
            Object = "payment_intent",
            Amount = amount,
            AmountReceived = amount,
            Currency = "eur",
            CustomerId = "cus_1",
            Status = "succeeded",
            Metadata = invoiceId is null ? [] : new Dictionary<string, string> { ["invoice_id"] = invoiceId },
        });

    public static string ChargeSucceeded(string eventId, string charge, string? paymentIntent, long amount, string? invoiceId, bool captured = true) =>
        Wrap(eventId, "charge.succeeded", new Charge
        {
            Id = charge,
            Object = "charge",
            Amount = amount,
            AmountCaptured = captured ? amount : 0,
            Captured = captured,
            Paid = true,
            Currency = "eur",
            CustomerId = "cus_1",
            PaymentIntentId = paymentIntent,
            Status = "succeeded",
            Metadata = invoiceId is null ? [] : new Dictionary<string, string> { ["invoice_id"] = invoiceId },
        });

    public static string ChargeRefunded(string eventId, string charge, string paymentIntent, long amount, long refunded) =>
        Wrap(eventId, "charge.refunded", new Charge
        {
            Id = charge,
            Object = "charge",
            Amount = amount,
            AmountCaptured = amount,
            AmountRefunded = refunded,
            Captured = true,
            Refunded = refunded == amount,
            Currency = "eur",
            PaymentIntentId = paymentIntent,
            Metadata = [],
        });

    private static string Wrap(string eventId, string type, IHasObject obj) => new Event
    {
        Id = eventId,
        Object = "event",
        Type = type,
        Created = Created,
        ApiVersion = StripeConfiguration.ApiVersion,
        Data = new EventData { Object = obj },
    }.ToJson();

    private static string WithObjectField(string eventJson, string name, string value)
    {
        var root = JsonNode.Parse(eventJson)!;
        root["data"]!["object"]![name] = value;
        return root.ToJsonString();
    }
}
