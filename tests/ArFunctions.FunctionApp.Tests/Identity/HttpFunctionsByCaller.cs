using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Identity;

/// <summary>
/// Who may call what: one table of every HTTP function x caller, each cell the answer it must get through the worker
/// test host after a real day: <c>Y</c> let through (the function answered on the merits: 2xx, or 400/404/409 for a
/// request it judged), <c>U</c> 401 (no key where the host wants one, no signed-in person where the app wants one, an
/// unreadable principal), <c>F</c> 403 (signed in, and the role or the ownership does not allow it). Collector A works
/// a customer with an open task on the Top-N; collector B is another collector of the policy. Persons send no function
/// key unless the column says "+ key"; the "forged" column sends a principal and the key to an app whose platform
/// authentication is off.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpFunctionsByCaller(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private static readonly string[] Columns =
    [
        "anonymous", "function key", "collector A", "collector B", "lead", "admin", "admin + key", "collector A + key",
        "forged principal, platform auth off (+ key)", "unreadable principal, platform auth on (+ key)",
    ];

    [Fact]
    public async Task AnswersEveryCallerOfEveryHttpFunctionAsTheTableSays()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Tasks, "CreateCallTask", deliveries: 2);
        var (a, customer, taskId) = await ACustomerWithATaskAsync();
        var b = new[] { "alice", "bob", "carol", "dave", "erin" }.First(c => c != a);
        var policy = await (await Client.GetAsync("/api/policy")).Content.ReadAsStringAsync();
        var today = $"{Today:yyyy-MM-dd}";
        await using var platformOff = await WorkerApp.StartAsync(App.ConnectionString);

        var table = new (string Function, Func<HttpRequestMessage> Request, string Expected)[]
        {
            ("GetMe", () => Get("/api/me"), "UUYYYYYYUU"),
            ("GetCollectorWorklist", () => Get($"/api/worklists/{a}"), "UUYFYFFYUU"),
            ("GetTopWorklist", () => Get("/api/worklists"), "UUFFYFFFUU"),
            ("GetCustomer", () => Get($"/api/customers/{customer}"), "UUYFYFFYUU"),
            ("GetCustomerDecisions", () => Get($"/api/customers/{customer}/decisions"), "UUYFYFFYUU"),
            ("GetCustomerStatement", () => Get($"/api/customers/{customer}/statement?format=csv"), "UUYFYFFYUU"),
            ("RecordTaskOutcome", () => Post($"/api/tasks/{taskId}/outcome", new { outcome = "no-answer" }), "UUYFYFFYUU"),
            ("AssignTask", () => Post($"/api/tasks/{taskId}/assign", new { collector = a }), "UUFFYFFFUU"),
            ("GetKpis", () => Get("/api/kpis"), "UUFFYYYFUU"),
            ("PutCredits", () => Put("/api/credits", Array.Empty<object>()), "UYUUUUYFYU"),
            ("PutCustomers", () => Put("/api/customers", Array.Empty<object>()), "UYUUUUYFYU"),
            ("PutInvoices", () => Put("/api/invoices", Array.Empty<object>()), "UYUUUUYFYU"),
            ("PutPayments", () => Put("/api/payments", Array.Empty<object>()), "UYUUUUYFYU"),
            ("GetPolicy", () => Get("/api/policy"), "UYUUUUYFYU"),
            ("PutPolicy", () => new HttpRequestMessage(HttpMethod.Put, "/api/policy") { Content = new StringContent(policy, Encoding.UTF8, "application/json") }, "UYUUUUYFYU"),
            ("PreviewPolicy", () => new HttpRequestMessage(HttpMethod.Post, "/api/policy/preview") { Content = new StringContent(policy, Encoding.UTF8, "application/json") }, "UUFFYYYFUU"),
            ("GetPolicyHistory", () => Get("/api/policy/history"), "UYUUUUYFYU"),
            ("GetRun", () => Get($"/api/runs/{today}"), "UYUUUUYFYU"),
            ("GetRunProblems", () => Get($"/api/runs/{today}/problems"), "UUFFYYYFUU"),
            ("StartRun", () => Post("/api/runs", new { asOf = today, dryRun = true }), "UYUUUUYFYU"),
            ("GetUnmatchedPayments", () => Get("/api/payments/unmatched"), "UYUUUUYFYU"),
            ("ResolveUnmatchedPayment", () => Post("/api/payments/unmatched/no-such-payment/resolve", new { invoiceId = "INV-1" }), "UYUUUUYFYU"),
            ("OpenApi", () => Get("/api/openapi.json"), "UYUUUUYYYU"),
            ("Health", () => Get("/api/health"), "YYYYYYYYYY"),
            ("CollectorPage", () => Get("/api/app/"), "YYYYYYYYYY"),
            // The customer page's routes answer anyone: the link is the credential (here none is valid: 404).
            ("CustomerPortalPage", () => Get("/api/portal/not-a-link"), "YYYYYYYYYY"),
            ("CustomerPortalFiles", () => Get("/api/portal/files/portal.js"), "YYYYYYYYYY"),
            ("GetPortalAccount", () => Get("/api/portal/not-a-link/account"), "YYYYYYYYYY"),
            ("GetPortalStatement", () => Get("/api/portal/not-a-link/statement"), "YYYYYYYYYY"),
            ("StripeWebhook", StripeEvent, "YYYYYYYYYY"),
            ("ProcessorWebhook", PaymentsEvent, "YYYYYYYYYY"),
            ("PortalDispute", () => Post("/api/portal/not-a-link/dispute", new { invoice = "INV-1", category = "pricing", comment = "x" }), "YYYYYYYYYY"),
            ("PortalPromise", () => Post("/api/portal/not-a-link/promise", new { invoice = "INV-1", date = today, amount = 1 }), "YYYYYYYYYY"),
            ("PortalRequest", () => Post("/api/portal/not-a-link/request", new { kind = "invoice-copy", invoice = "INV-1" }), "YYYYYYYYYY"),
            ("PortalOptOut", () => Post("/api/portal/not-a-link/opt-out", new { }), "YYYYYYYYYY"),
        };

        Assert.Equal(HttpFunctionsOfTheBuiltApp(), table.Select(row => row.Function).Order(StringComparer.Ordinal));
        var principals = new Dictionary<string, string>
        {
            ["collector A"] = Principals.Of("00000000-0000-0000-0000-00000000000a", a + "@ar.example.com", "Collector"),
            ["collector B"] = Principals.Of("00000000-0000-0000-0000-00000000000b", b + "@ar.example.com", "Collector"),
            ["lead"] = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead"),
            ["admin"] = Principals.Of("00000000-0000-0000-0000-0000000000ad", "adam@ar.example.com", "Admin"),
        };
        principals["admin + key"] = principals["admin"];
        principals["collector A + key"] = principals["collector A"];
        principals[Columns[8]] = Principals.Of("00000000-0000-0000-0000-0000000000cf", "cfo@contoso.com", "Admin", "Lead");
        principals[Columns[9]] = "eyJub3QiOiAiY2xhaW1zIn0=";

        var mismatches = new List<string>();
        var cells = 0;
        foreach (var (function, request, expected) in table)
        {
            Assert.Equal(Columns.Length, expected.Length);

            // The refused callers first: the allowed no-answers close the task (its attempts run out).
            foreach (var column in Enumerable.Range(0, Columns.Length).OrderBy(c => expected[c] == 'Y'))
            {
                var message = request();
                var caller = Columns[column];
                if (principals.TryGetValue(caller, out var principal))
                {
                    message.As(principal);
                }

                var withKey = caller == "function key" || caller.Contains("+ key", StringComparison.Ordinal);
                using var client = (column == 8 ? platformOff.Host : App.Host).CreateClient(sendKey: withKey);
                var status = (int)(await client.SendAsync(message)).StatusCode;
                var answered = status switch { 401 => 'U', 403 => 'F', _ => 'Y' };
                cells++;
                if (answered != expected[column])
                {
                    mismatches.Add($"{function} ({message.Method} {message.RequestUri}) as {caller}: {status}, expected {expected[column]}");
                }
            }
        }

        Assert.Empty(mismatches);
        Assert.Equal(35 * 10, cells);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private static HttpRequestMessage Get(string route) => new(HttpMethod.Get, route);

    private static HttpRequestMessage Post(string route, object body) => new(HttpMethod.Post, route) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Put(string route, object body) => new(HttpMethod.Put, route) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage StripeEvent() => SignedWebhooks.Stripe(JsonSerializer.SerializeToUtf8Bytes(
        new { id = "evt_" + Guid.NewGuid().ToString("N"), @object = "event", type = "customer.created", data = new { @object = new { id = "cus_1", @object = "customer" } } }));

    private static HttpRequestMessage PaymentsEvent() =>
        SignedWebhooks.Payments("""{"type":"payment.failed","data":{"paymentId":"pay-matrix"}}"""u8.ToArray(), "evt-" + Guid.NewGuid().ToString("N"));

    private static IEnumerable<string> HttpFunctionsOfTheBuiltApp() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppBuild.Directory, "functions.metadata"))).RootElement.EnumerateArray()
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
            .Select(f => f.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal);

    private async Task<(string Collector, string Customer, string TaskId)> ACustomerWithATaskAsync()
    {
        var lead = App.SignedIn(Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead"));
        var top = await (await lead.GetAsync("/api/worklists?top=100")).ReadJsonAsync();
        var item = top.GetProperty("items").EnumerateArray().First(i =>
            i.GetProperty("tasks").GetArrayLength() > 0 && i.GetProperty("collector").ValueKind == JsonValueKind.String);
        return (item.GetProperty("collector").GetString()!, item.GetProperty("customerId").GetString()!, item.GetProperty("tasks")[0].GetProperty("taskId").GetString()!);
    }
}
