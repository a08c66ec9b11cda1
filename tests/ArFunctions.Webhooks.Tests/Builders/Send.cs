using System.Globalization;
using System.Text;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using ArFunctions.Webhooks.Tests.Infrastructure;

namespace ArFunctions.Webhooks.Tests.Builders;

/// <summary>Test data: invoices, event bodies in Stripe's and our schema, and correctly signed deliveries of them.</summary>
public static class Send
{
    public static readonly DateOnly Today = new(2026, 11, 2);

    /// <summary>A planned reminder email to customer C1 covering <paramref name="invoices"/>.</summary>
    public static PlannedAction Action(string id, params string[] invoices) =>
        new(id, ActionKind.Email, new CustomerId("C1"), "reminder", new Contact("Ap Clerk", ContactRole.ApClerk, "ap@example.com", null), null, invoices.Select(i => new InvoiceId(i)).ToArray(), []);

    public static Invoice Invoice(string id, string customer, decimal amount, string currency = "EUR") => new()
    {
        Id = new InvoiceId(id),
        CustomerId = new CustomerId(customer),
        IssueDate = Today.AddDays(-40),
        DueDate = Today.AddDays(-10),
        Amount = amount,
        OpenAmount = amount,
        Currency = new CurrencyCode(currency),
    };

    /// <summary>A Stripe event with its object; <paramref name="obj"/> is the JSON of data.object.</summary>
    public static string StripeEvent(string id, string type, string obj) =>
        $$$"""{"id":"{{{id}}}","object":"event","api_version":"2024-06-20","created":1793610000,"type":"{{{type}}}","data":{"object":""" + obj + "}}";

    public static string StripeInvoicePaid(string eventId, string invoiceNumber, long amountPaid, string currency = "eur", string paymentIntent = "pi_1") =>
        StripeEvent(eventId, "invoice.paid",
            $$$"""{"id":"in_{{{eventId}}}","object":"invoice","number":"{{{invoiceNumber}}}","amount_paid":{{{amountPaid}}},"currency":"{{{currency}}}","customer":"cus_1","payment_intent":"{{{paymentIntent}}}","metadata":{}}""");

    public static string StripeRefund(string eventId, string paymentIntent, long amountRefunded, string currency = "eur") =>
        StripeEvent(eventId, "charge.refunded",
            $$$"""{"id":"ch_{{{eventId}}}","object":"charge","amount":100000,"amount_refunded":{{{amountRefunded}}},"currency":"{{{currency}}}","payment_intent":"{{{paymentIntent}}}","metadata":{}}""");

    public static async Task<ReceiveResult> StripeAsync(WebhookHarness harness, string body, string? secret = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var header = StripeSignatureVerifier.Sign(secret ?? WebhookHarness.StripeSecret, harness.Clock.GetUtcNow().ToUnixTimeSeconds(), bytes);
        return await harness.Receive.ReceiveAsync("stripe", new Dictionary<string, string> { ["Stripe-Signature"] = header }, bytes, CancellationToken.None);
    }

    public static string Payment(string type, string paymentId, decimal amount, string currency, params (string Invoice, decimal Amount)[] allocations)
    {
        var parts = string.Join(",", allocations.Select(a => "{\"invoiceId\":\"" + a.Invoice + "\",\"amount\":" + a.Amount.ToString(CultureInfo.InvariantCulture) + "}"));
        return $$$"""{"type":"{{{type}}}","data":{"paymentId":"{{{paymentId}}}","amount":{{{amount.ToString(CultureInfo.InvariantCulture)}}},"currency":"{{{currency}}}","paidOn":"2026-11-01","allocations":[{{{parts}}}]}}""";
    }

    public static Dictionary<string, string> StandardHeaders(WebhookHarness harness, string webhookId, byte[] body)
    {
        var timestamp = harness.Clock.GetUtcNow().ToUnixTimeSeconds();
        return new Dictionary<string, string>
        {
            ["webhook-id"] = webhookId,
            ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["webhook-signature"] = StandardWebhookVerifier.Sign(WebhookHarness.PaymentsSecret, webhookId, timestamp, body),
        };
    }

    public static async Task<ReceiveResult> StandardAsync(WebhookHarness harness, string webhookId, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return await harness.Receive.ReceiveAsync("payments", StandardHeaders(harness, webhookId, bytes), bytes, CancellationToken.None);
    }
}
