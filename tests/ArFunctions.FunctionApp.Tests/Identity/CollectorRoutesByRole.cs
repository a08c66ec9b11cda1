using System.Net;
using System.Net.Http.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Identity;

/// <summary>
/// Who may read and change what on the collector routes, with App Service authentication on, after a real day: one
/// table of request x caller, each with the status it must get. Collector A is the collector of a customer with an
/// open task on the Top-N; collector B is another collector of the policy.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorRoutesByRole(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private const int Ok = 200, Unauthorized = 401, Forbidden = 403;

    // Columns: function key only (no person), collector A, collector B, a lead, an admin, an unreadable principal.
    private static readonly string[] Callers = ["key only", "collector A", "collector B", "lead", "admin", "unreadable"];

    [Fact]
    public async Task AnswersEveryCallerOfEveryCollectorRouteAsTheRulesSay()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Tasks, "CreateCallTask", deliveries: 2);
        var (a, customer, taskId) = await ACustomerWithATaskAsync();
        var b = new[] { "alice", "bob", "carol", "dave", "erin" }.First(c => c != a);
        var principals = new Dictionary<string, string?>
        {
            ["key only"] = null,
            ["collector A"] = Principals.Of("00000000-0000-0000-0000-00000000000a", a + "@ar.example.com", "Collector"),
            ["collector B"] = Principals.Of("00000000-0000-0000-0000-00000000000b", b + "@ar.example.com", "Collector"),
            ["lead"] = Principals.Of("00000000-0000-0000-0000-0000000000le", "lena@ar.example.com", "Lead"),
            ["admin"] = Principals.Of("00000000-0000-0000-0000-0000000000ad", "adam@ar.example.com", "Admin"),
            ["unreadable"] = "eyJub3QiOiAiY2xhaW1zIn0=",
        };
        var noAnswer = new { outcome = "no-answer" };

        // Denied callers of the task come first: the three allowed no-answers close it (MaxAttempts).
        var table = new (string Route, HttpMethod Method, object? Body, int[] Expected)[]
        {
            ($"/api/worklists/{a}", HttpMethod.Get, null, [Ok, Ok, Forbidden, Ok, Forbidden, Unauthorized]),
            ("/api/worklists", HttpMethod.Get, null, [Ok, Forbidden, Forbidden, Ok, Forbidden, Unauthorized]),
            ($"/api/customers/{customer}", HttpMethod.Get, null, [Ok, Ok, Forbidden, Ok, Forbidden, Unauthorized]),
            ("/api/me", HttpMethod.Get, null, [Ok, Ok, Ok, Ok, Ok, Unauthorized]),
            ($"/api/tasks/{taskId}/outcome", HttpMethod.Post, noAnswer, [Ok, Ok, Forbidden, Ok, Forbidden, Unauthorized]),
        };
        var order = new[] { "collector B", "admin", "unreadable", "collector A", "lead", "key only" };

        var mismatches = new List<string>();
        foreach (var (route, method, body, expected) in table)
        {
            foreach (var caller in body is null ? Callers : order)
            {
                var request = new HttpRequestMessage(method, route) { Content = body is null ? null : JsonContent.Create(body) };
                if (principals[caller] is { } principal)
                {
                    request.As(principal);
                }

                var status = (int)(await Client.SendAsync(request)).StatusCode;
                var want = expected[Array.IndexOf(Callers, caller)];
                if (status != want)
                {
                    mismatches.Add($"{method} {route} as {caller}: {status}, expected {want}");
                }
            }
        }

        Assert.Empty(mismatches);
        var task = await Client.PostAsync($"/api/tasks/{taskId}/outcome", JsonContent.Create(noAnswer));
        Assert.Equal(HttpStatusCode.Conflict, task.StatusCode);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private async Task<(string Collector, string Customer, string TaskId)> ACustomerWithATaskAsync()
    {
        var top = await (await Client.GetAsync("/api/worklists?top=100")).ReadJsonAsync();
        var item = top.GetProperty("items").EnumerateArray().First(i =>
            i.GetProperty("tasks").GetArrayLength() > 0 && i.GetProperty("collector").ValueKind == System.Text.Json.JsonValueKind.String);
        return (item.GetProperty("collector").GetString()!, item.GetProperty("customerId").GetString()!, item.GetProperty("tasks")[0].GetProperty("taskId").GetString()!);
    }
}
