using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Identity;

/// <summary>
/// Insecure direct object references, tried as collector B would: A's list, customer and task by their ids, and every
/// query value or header that might make the app take B for A. A lead reaches all of them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CollectorBAgainstCollectorA(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task CollectorBReachesNothingOfCollectorAByIdQueryOrHeaderAndALeadReachesAll()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Tasks, "CreateCallTask", deliveries: 2);
        var lead = App.SignedIn(Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead"));
        var top = await (await lead.GetAsync("/api/worklists?top=100")).ReadJsonAsync();
        var item = top.GetProperty("items").EnumerateArray().First(i => i.GetProperty("tasks").GetArrayLength() > 0 && i.GetProperty("collector").ValueKind == JsonValueKind.String);
        var a = item.GetProperty("collector").GetString()!;
        var customer = item.GetProperty("customerId").GetString()!;
        var taskId = item.GetProperty("tasks")[0].GetProperty("taskId").GetString()!;
        var b = new[] { "alice", "bob", "carol", "dave", "erin" }.First(c => c != a && !Assigned(top, c).Contains(customer));
        var collectorB = App.SignedIn(Principals.Of("00000000-0000-0000-0000-00000000000b", b + "@ar.example.com", "Collector"));
        collectorB.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL-NAME", a + "@ar.example.com");
        collectorB.DefaultRequestHeaders.Add("X-AR-Client", a);

        Assert.Equal(HttpStatusCode.Forbidden, (await collectorB.GetAsync($"/api/worklists/{a}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collectorB.GetAsync($"/api/worklists/{a}?collector={a}&collectorId={a}&as={a}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collectorB.GetAsync($"/api/worklists/{a.ToUpperInvariant()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collectorB.GetAsync($"/api/customers/{customer}?collector={a}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collectorB.PostAsync($"/api/tasks/{taskId}/outcome?collector={a}", JsonContent.Create(new { outcome = "reached", collector = a }))).StatusCode);
        var own = await (await collectorB.GetAsync($"/api/worklists/{b}?collector={a}")).ReadJsonAsync();
        Assert.DoesNotContain(customer, own.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("customerId").GetString()));
        var me = await (await collectorB.GetAsync($"/api/me?collector={a}")).ReadJsonAsync();
        Assert.Equal(b, me.GetProperty("collector").GetString());
        Assert.Equal([b], me.GetProperty("worklists").EnumerateArray().Select(w => w.GetString()));

        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/worklists/{a}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync($"/api/customers/{customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/tasks/{taskId}/outcome", JsonContent.Create(new { outcome = "reached" }))).StatusCode);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private static List<string> Assigned(JsonElement top, string collector) =>
        [.. top.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("collector").ValueKind == JsonValueKind.String && i.GetProperty("collector").GetString() == collector)
            .Select(i => i.GetProperty("customerId").GetString()!)];
}
