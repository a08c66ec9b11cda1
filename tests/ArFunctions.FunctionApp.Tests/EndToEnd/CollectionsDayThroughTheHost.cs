using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArFunctions.Application.Webhooks;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using static ArFunctions.FunctionApp.Tests.Infrastructure.HostPayloads;

namespace ArFunctions.FunctionApp.Tests.EndToEnd;

/// <summary>A whole day driven through the host protocol: timer, shards, emails, tasks, worklist, outcomes, a paid webhook.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionsDayThroughTheHost(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public async Task EmailsDeliveredThreeTimesAreSentOnceEach()
    {
        await SeedAsync();
        var host = new HostDriver(App, Client);
        await host.RunDayAsync();

        var logs = await host.DrainAsync("ar-emails", "SendEmail", deliveries: 3);

        var sent = logs.Count(l => l.StartsWith("Sent email", StringComparison.Ordinal));
        Assert.True(sent > 0, "the sample day sends emails");
        Assert.Equal(sent, Directory.GetFiles(App.Outbox, "*.eml").Length);
        Assert.Equal(logs.Count / 3 * 2, logs.Count(l => l.StartsWith("Nothing to do", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EmitsRunDurationStepsEmailsCallsAndWebhookMetrics()
    {
        var measured = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Application.Telemetry.ArFunctionsMetrics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();
        await SeedAsync();
        var host = new HostDriver(App, Client);

        await host.RunDayAsync();
        await host.DrainAsync("ar-emails", "SendEmail");
        await host.DrainAsync("ar-tasks", "CreateCallTask");
        await Client.SendAsync(Signed("""{"type":"payment.failed","data":{"paymentId":"p-m","amount":1,"currency":"EUR","allocations":[]}}"""u8.ToArray(), "evt-metrics"));

        Assert.True(measured.ContainsKey("ar.run.duration"), "run duration");
        foreach (var counter in new[] { "ar.steps.planned", "ar.emails.sent", "ar.calls.created", "ar.webhook.events" })
        {
            Assert.True(measured.GetValueOrDefault(counter) > 0, counter);
        }
    }

    [Fact]
    public async Task APromiseRecordedOnATaskTakesTheCustomerOffTheCollectorsList()
    {
        await SeedAsync();
        var host = new HostDriver(App, Client);
        await host.RunDayAsync();
        await host.DrainAsync("ar-tasks", "CreateCallTask", deliveries: 2);
        var top = await (await Client.SendAsync(Forwarded(HttpMethod.Get, "/api/worklists?top=100"))).ReadJsonAsync();
        var item = top.GetProperty("items").EnumerateArray().First(i => i.GetProperty("tasks").GetArrayLength() > 0 && i.GetProperty("collector").ValueKind == System.Text.Json.JsonValueKind.String);
        var collector = item.GetProperty("collector").GetString()!;
        var customer = item.GetProperty("customerId").GetString()!;
        var taskId = item.GetProperty("tasks")[0].GetProperty("taskId").GetString()!;
        var before = await CustomersOnListAsync(collector);
        Assert.Contains(customer, before);

        var outcome = await Client.SendAsync(Forwarded(HttpMethod.Post, $"/api/tasks/{taskId}/outcome",
            JsonContent.Create(new { outcome = "promise", promise = new { date = "2026-11-30", amount = 100m }, note = "will pay next week" })));

        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        Assert.DoesNotContain(customer, await CustomersOnListAsync(collector));
        var again = await Client.SendAsync(Forwarded(HttpMethod.Post, $"/api/tasks/{taskId}/outcome", JsonContent.Create(new { outcome = "reached" })));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task APaymentWebhookIsStoredQueuedAndAppliedOnce()
    {
        var portfolio = await SeedAsync();
        var invoice = portfolio.Invoices.First(i => i.IsCollectible && i.Dispute is null);
        var body = await JsonContent.Create(new
        {
            type = "payment.succeeded",
            data = new
            {
                paymentId = "pay-e2e-1", amount = invoice.OpenAmount, currency = invoice.Currency.Value, paidOn = "2026-11-22",
                allocations = new[] { new { invoiceId = invoice.Id.Value, amount = invoice.OpenAmount } },
            },
        }).ReadAsByteArrayAsync();

        for (var delivery = 0; delivery < 3; delivery++)
        {
            var response = await Client.SendAsync(Signed(body, "evt-e2e-1"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var applied = await new HostDriver(App, Client).DrainAsync("ar-payments", "ApplyPayment", deliveries: 2);
        Assert.Equal(["Applied payments event evt-e2e-1", "AlreadyApplied payments event evt-e2e-1"], applied);
        var detail = await (await Client.SendAsync(Forwarded(HttpMethod.Get, $"/api/customers/{invoice.CustomerId.Value}"))).ReadJsonAsync();
        Assert.DoesNotContain(invoice.Id.Value, detail.GetProperty("openInvoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AForgedWebhookIsRefusedAndQueuesNothing()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"payment.succeeded","data":{"paymentId":"p","amount":1,"currency":"EUR","paidOn":"2026-11-22","allocations":[]}}""");
        var request = Signed(body, "evt-forged");
        request.Headers.Remove("webhook-signature");
        request.Headers.Add("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var queue = App.Queue("ar-payments");
        await queue.CreateIfNotExistsAsync();
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task AStripeSignedEventIsAccepted()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"evt_1","object":"event","type":"customer.created","data":{"object":{"id":"cus_1","object":"customer"}}}""");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("Stripe-Signature", StripeSignatureVerifier.Sign(FunctionAppFactory.StripeSecret, App.Clock.GetUtcNow().ToUnixTimeSeconds(), body));

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private HttpRequestMessage Signed(byte[] body, string id)
    {
        var timestamp = App.Clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/payments") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookVerifier.Sign(FunctionAppFactory.PaymentsSecret, id, timestamp, body));
        return request;
    }

    private async Task<List<string>> CustomersOnListAsync(string collector)
    {
        var response = await Client.SendAsync(Forwarded(HttpMethod.Get, $"/api/worklists/{collector}?top=500"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerId").GetString()!)];
    }
}
