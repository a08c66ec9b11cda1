using System.Text.Json;
using System.Text.Json.Nodes;
using ArFunctions.Application.Webhooks;
using ArFunctions.Webhooks.Tests.Builders;
using ArFunctions.Webhooks.Tests.Infrastructure;
using static ArFunctions.Webhooks.Tests.Builders.StripeEvents;

namespace ArFunctions.Webhooks.Tests.Receiving;

/// <summary>Stripe events built with Stripe.net, read into our payment event: which payment, which date.</summary>
[Collection(AzuriteCollection.Name)]
public class StripeEventParserParse(AzuriteFixture azurite)
{
    private static readonly DateOnly ReceivedOn = new(2026, 11, 2);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>2026-11-02 03:30 UTC: 22:30 the evening before in New York.</summary>
    private static readonly DateTime LateEveningInNewYork = new(2026, 11, 2, 3, 30, 0, DateTimeKind.Utc);

    /// <summary>2026-11-01 23:30 UTC: half past midnight the next day in Berlin.</summary>
    private static readonly DateTime JustAfterMidnightInBerlin = new(2026, 11, 1, 23, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(InvoiceShape.Older, "pi_7", false)]
    [InlineData(InvoiceShape.CurrentExpanded, "pi_7", false)]
    [InlineData(InvoiceShape.Current, "in_inv1", true)]
    public void NamesTheUnderlyingPaymentGivenAnInvoiceEventOfEachShape(InvoiceShape shape, string paymentId, bool isTotal)
    {
        var payment = Parse(Invoice("evt_1", "invoice.paid", "INV-1", 12345, shape, paymentIntent: "pi_7"), TimeZoneInfo.Utc);

        Assert.Equal((paymentId, isTotal, 123.45m, "INV-1"), (payment.PaymentId, payment.IsInvoiceTotal, payment.Amount, payment.Allocations.Single().InvoiceRef));
    }

    [Theory]
    [InlineData("pi_7", "pi_7")]
    [InlineData(null, "ch_7")]
    public void NamesThePaymentIntentElseTheChargeGivenAChargeSucceeded(string? paymentIntent, string expected)
    {
        var payment = Parse(ChargeSucceeded("evt_1", "ch_7", paymentIntent, 5000, "INV-1"), TimeZoneInfo.Utc);

        Assert.Equal((expected, PaymentEventKind.PaymentSucceeded, 50m), (payment.PaymentId, payment.Kind, payment.Amount));
    }

    [Fact]
    public void IgnoresTheChargeGivenTheOlderShapeNamingAStripeInvoiceButNotOurs()
    {
        var root = JsonNode.Parse(ChargeSucceeded("evt_1", "ch_7", "pi_7", 5000, null))!;
        root["data"]!["object"]!["invoice"] = "in_9";

        using var document = JsonDocument.Parse(root.ToJsonString());
        var parsed = StripeEventParser.Parse(document.RootElement, ReceivedOn, TimeZoneInfo.Utc);

        Assert.Equal(("evt_1", "charge.succeeded", null, null), (parsed.EventId, parsed.EventType, parsed.Event, parsed.Error));
    }

    [Theory]
    [InlineData("America/New_York", 2026, 11, 1)]
    [InlineData("UTC", 2026, 11, 2)]
    public void DatesTheInvoicePaymentInTheBusinessZoneGivenPaidAtLateInTheEveningThere(string zone, int year, int month, int day)
    {
        var body = Invoice("evt_1", "invoice.paid", "INV-1", 100, InvoiceShape.Current, paidAt: LateEveningInNewYork);

        Assert.Equal(new DateOnly(year, month, day), Parse(body, TimeZoneInfo.FindSystemTimeZoneById(zone)).PaidOn);
    }

    [Theory]
    [InlineData("Europe/Berlin", 2026, 11, 2)]
    [InlineData("UTC", 2026, 11, 1)]
    public void DatesThePaymentIntentInTheBusinessZoneGivenAnEventJustAfterMidnightThere(string zone, int year, int month, int day)
    {
        var root = JsonNode.Parse(PaymentIntentSucceeded("evt_1", "pi_1", 100, "INV-1"))!;
        root["created"] = new DateTimeOffset(JustAfterMidnightInBerlin).ToUnixTimeSeconds();
        var body = root.ToJsonString();

        Assert.Equal(new DateOnly(year, month, day), Parse(body, TimeZoneInfo.FindSystemTimeZoneById(zone)).PaidOn);
    }

    [Fact]
    public async Task MarksTheInvoicePaidOnTheBusinessDateGivenAPaymentLateInTheEveningInNewYork()
    {
        var harness = new WebhookHarness(azurite, zone: NewYork);
        await harness.Invoices.UpsertAsync([Send.Invoice("INV-1", "C1", 10m)], CancellationToken.None);

        await Send.StripeAsync(harness, Invoice("evt_1", "invoice.paid", "INV-1", 1000, InvoiceShape.Older, paidAt: LateEveningInNewYork));
        await harness.DrainAsync();

        var invoice = await harness.Invoices.FindAsync(new Domain.Common.InvoiceId("INV-1"), CancellationToken.None);
        Assert.Equal(new DateOnly(2026, 11, 1), invoice!.PaidOn);
    }

    private static PaymentEvent Parse(string json, TimeZoneInfo zone)
    {
        using var document = JsonDocument.Parse(json);
        var parsed = StripeEventParser.Parse(document.RootElement, ReceivedOn, zone);
        Assert.Null(parsed.Error);
        return parsed.Event!;
    }
}
