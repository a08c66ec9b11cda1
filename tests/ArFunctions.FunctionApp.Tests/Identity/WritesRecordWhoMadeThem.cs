using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Identity;

/// <summary>
/// Every write names its author as the audit knows them (a signed-in person by name and object id, a machine as
/// <c>key:&lt;name&gt;</c>), and the customer detail and run view show it: outcomes, promises, disputes, notes,
/// manual runs and payment resolutions. Policy versions are covered by <see cref="CallerIdentityWithPlatformAuthentication"/>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WritesRecordWhoMadeThem(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private const string LeadName = "lena@ar.example.com";

    private const string LeadId = "00000000-0000-0000-0000-0000000001ea";

    private const string LeadAudit = LeadName + " (" + LeadId + ")";

    [Fact]
    public async Task APromiseAndADisputeNameTheLeadOnTheTaskTheInvoicesAndTheCustomersHistory()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Tasks, "CreateCallTask", deliveries: 1);
        var lead = App.SignedIn(Principals.Of(LeadId, LeadName, "Lead"));
        var items = (await (await lead.GetAsync("/api/worklists?top=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("tasks").GetArrayLength() > 0).Take(2).ToArray();
        Assert.Equal(2, items.Length);
        var (promised, disputed) = (items[0], items[1]);
        var disputeCategory = (await (await lead.GetAsync("/api/me")).ReadJsonAsync()).GetProperty("disputeCategories")[0].GetProperty("id").GetString();

        var promise = await lead.PostAsync($"/api/tasks/{TaskOf(promised)}/outcome", JsonContent.Create(new
        {
            outcome = "promise", note = "pays on Friday", promise = new { date = $"{WorkerApp.Today.AddDays(5):yyyy-MM-dd}", amount = 10m },
        }));
        var dispute = await lead.PostAsync($"/api/tasks/{TaskOf(disputed)}/outcome", JsonContent.Create(new
        {
            outcome = "dispute", dispute = new { category = disputeCategory, note = "wrong price" },
        }));

        Assert.Equal(HttpStatusCode.OK, promise.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dispute.StatusCode);
        Assert.Equal(LeadAudit, (await promise.ReadJsonAsync()).GetProperty("task").GetProperty("outcomeBy").GetString());
        var promisedDetail = await CustomerAsync(lead, promised);
        Assert.Contains(promisedDetail.GetProperty("interactions").EnumerateArray(),
            i => i.GetProperty("note").GetString()!.EndsWith("pays on Friday", StringComparison.Ordinal) && i.GetProperty("recordedBy").GetString() == LeadAudit);
        Assert.Contains(promisedDetail.GetProperty("openInvoices").EnumerateArray(),
            i => i.GetProperty("promise") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("recordedBy").GetString() == LeadAudit);
        var disputedDetail = await CustomerAsync(lead, disputed);
        Assert.Contains(disputedDetail.GetProperty("openInvoices").EnumerateArray(),
            i => i.GetProperty("dispute") is { ValueKind: JsonValueKind.Object } d && d.GetProperty("openedBy").GetString() == LeadAudit);
        Assert.Contains(disputedDetail.GetProperty("interactions").EnumerateArray(),
            i => i.GetProperty("outcome").GetString() == "dispute" && i.GetProperty("recordedBy").GetString() == LeadAudit);
    }

    [Fact]
    public async Task AManualRunNamesTheMachineThatStartedItAndTheTimersRunNamesNobody()
    {
        await App.SeedAsync(customers: 20);
        await App.RunDayAsync();
        var tomorrow = WorkerApp.Today.AddDays(1);
        var start = new HttpRequestMessage(HttpMethod.Post, "/api/runs") { Content = JsonContent.Create(new { asOf = $"{tomorrow:yyyy-MM-dd}" }) };
        start.Headers.Add("X-AR-Client", "nightly-scheduler");

        var started = await App.Client.SendAsync(start);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await (await App.Client.GetAsync($"/api/runs/{tomorrow:yyyy-MM-dd}")).ReadJsonAsync();
        Assert.Equal("key:nightly-scheduler", run.GetProperty("startedBy").GetString());
        var timers = await (await App.Client.GetAsync($"/api/runs/{WorkerApp.Today:yyyy-MM-dd}")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, timers.GetProperty("startedBy").ValueKind);
    }

    [Fact]
    public async Task AResolvedPaymentNamesWhoMatchedItOnTheCustomersHistory()
    {
        var portfolio = await App.SeedAsync(customers: 20);
        var invoice = portfolio.Invoices.First(i => i.IsCollectible && i.Dispute is null);
        var body = await JsonContent.Create(new
        {
            type = "payment.succeeded",
            data = new
            {
                paymentId = "pay-audit-1", amount = 12.5m, currency = invoice.Currency.Value, paidOn = $"{WorkerApp.Today.AddDays(-1):yyyy-MM-dd}",
                allocations = new[] { new { invoiceId = "INV-NOBODY-KNOWS", amount = 12.5m } },
            },
        }).ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, (await App.Client.SendAsync(SignedWebhooks.Payments(body, "evt-audit-1"))).StatusCode);
        await App.DeliverEachAsync(QueueNames.Payments, "ApplyPayment", deliveries: 1);
        var parked = (await (await App.Client.GetAsync("/api/payments/unmatched")).ReadJsonAsync()).EnumerateArray()
            .Single(p => p.GetProperty("paymentId").GetString() == "pay-audit-1");
        var resolve = new HttpRequestMessage(HttpMethod.Post, $"/api/payments/unmatched/{parked.GetProperty("unmatchedId").GetString()}/resolve")
        {
            Content = JsonContent.Create(new { invoiceId = invoice.Id.Value }),
        };
        resolve.Headers.Add("X-AR-Client", "erp-sync");

        var resolved = await App.Client.SendAsync(resolve);

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var lead = App.SignedIn(Principals.Of(LeadId, LeadName, "Lead"));
        var detail = await (await lead.GetAsync($"/api/customers/{invoice.CustomerId.Value}")).ReadJsonAsync();
        var note = Assert.Single(detail.GetProperty("interactions").EnumerateArray(), i => i.GetProperty("note").GetString()?.Contains("pay-audit-1", StringComparison.Ordinal) == true);
        Assert.Equal("key:erp-sync", note.GetProperty("recordedBy").GetString());
        Assert.Contains(invoice.Id.Value, note.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private static string TaskOf(JsonElement item) => item.GetProperty("tasks")[0].GetProperty("taskId").GetString()!;

    private static async Task<JsonElement> CustomerAsync(HttpClient client, JsonElement item) =>
        await (await client.GetAsync($"/api/customers/{item.GetProperty("customerId").GetString()}")).ReadJsonAsync();
}
