using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.EndToEnd;

/// <summary>A whole day in the built worker through the host protocol: timer, shards, emails, tasks, worklist, outcomes, a paid webhook.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectionsDayThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    /// <summary>The collector routes are for signed-in people: a lead works them here.</summary>
    private HttpClient Lead => field ??= App.SignedIn(Principals.Of("00000000-0000-0000-0000-00000000013a", "lena@ar.example.com", "Lead"));

    [Fact]
    public async Task EmailsDeliveredThreeTimesAreSentOnceEach()
    {
        await App.SeedAsync();
        await App.RunDayAsync();

        var deliveries = await App.DeliverEachAsync(QueueNames.Emails, "SendEmail", deliveries: 3);

        var emails = deliveries.Count / 3;
        Assert.True(emails > 0, "the sample day sends emails");
        var sent = (await App.LogsAsync("Sent email", emails)).Count;
        Assert.Equal(emails, sent);
        Assert.Equal(sent, Directory.GetFiles(App.Outbox, "*.eml").Length);
        Assert.Equal(emails * 2, (await App.LogsAsync("Nothing to do for email", emails * 2)).Count);
    }

    [Fact]
    public async Task APromiseRecordedOnATaskTakesTheCustomerOffTheCollectorsList()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Tasks, "CreateCallTask", deliveries: 2);
        var top = await (await Lead.GetAsync("/api/worklists?top=100")).ReadJsonAsync();
        var item = top.GetProperty("items").EnumerateArray().First(i => i.GetProperty("tasks").GetArrayLength() > 0 && i.GetProperty("collector").ValueKind == System.Text.Json.JsonValueKind.String);
        var collector = item.GetProperty("collector").GetString()!;
        var customer = item.GetProperty("customerId").GetString()!;
        var taskId = item.GetProperty("tasks")[0].GetProperty("taskId").GetString()!;
        var before = await CustomersOnListAsync(collector);
        Assert.Contains(customer, before);

        var outcome = await Lead.PostAsync($"/api/tasks/{taskId}/outcome",
            JsonContent.Create(new { outcome = "promise", promise = new { date = $"{Today.AddDays(7):yyyy-MM-dd}", amount = 100m }, note = "will pay next week" }));

        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        Assert.DoesNotContain(customer, await CustomersOnListAsync(collector));
        var again = await Lead.PostAsync($"/api/tasks/{taskId}/outcome", JsonContent.Create(new { outcome = "reached" }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task APaymentWebhookIsStoredQueuedAndAppliedOnce()
    {
        var portfolio = await App.SeedAsync();
        var invoice = portfolio.Invoices.First(i => i.IsCollectible && i.Dispute is null);
        var body = await JsonContent.Create(new
        {
            type = "payment.succeeded",
            data = new
            {
                paymentId = "pay-e2e-1", amount = invoice.OpenAmount, currency = invoice.Currency.Value, paidOn = $"{Today.AddDays(-1):yyyy-MM-dd}",
                allocations = new[] { new { invoiceId = invoice.Id.Value, amount = invoice.OpenAmount } },
            },
        }).ReadAsByteArrayAsync();

        for (var delivery = 0; delivery < 3; delivery++)
        {
            var response = await Client.SendAsync(SignedWebhooks.Payments(body, "evt-e2e-1"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The event stays received until it is applied, so each of the three deliveries queued a message
        // (docs/webhooks.md); each message is delivered twice: one application, five that find it applied.
        var applied = await App.DeliverEachAsync(QueueNames.Payments, "ApplyPayment", deliveries: 2);
        Assert.Equal(6, applied.Count);
        Assert.Equal(
            ["Applied payments event evt-e2e-1", .. Enumerable.Repeat("AlreadyApplied payments event evt-e2e-1", 5)],
            await App.LogsAsync("payments event evt-e2e-1", 6));
        var detail = await (await Lead.GetAsync($"/api/customers/{invoice.CustomerId.Value}")).ReadJsonAsync();
        Assert.DoesNotContain(invoice.Id.Value, detail.GetProperty("openInvoices").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AForgedWebhookIsRefusedAndQueuesNothing()
    {
        var body = Encoding.UTF8.GetBytes("""{"type":"payment.succeeded","data":{"paymentId":"p","amount":1,"currency":"EUR","paidOn":"2026-11-22","allocations":[]}}""");
        var request = SignedWebhooks.Payments(body, "evt-forged");
        request.Headers.Remove("webhook-signature");
        request.Headers.Add("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var queue = App.Queue(QueueNames.Payments);
        await queue.CreateIfNotExistsAsync();
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task AStripeSignedEventIsAccepted()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"evt_1","object":"event","type":"customer.created","data":{"object":{"id":"cus_1","object":"customer"}}}""");
        var response = await Client.SendAsync(SignedWebhooks.Stripe(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<List<string>> CustomersOnListAsync(string collector)
    {
        var response = await Lead.GetAsync($"/api/worklists/{collector}?top=500");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerId").GetString()!)];
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };
}
