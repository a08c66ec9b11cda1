using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Identity;

/// <summary>A lead moves collector A's open task to collector B: it leaves A's list for B's, and only B may now work it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LeadMovesATask(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task TheTaskLeavesTheOldCollectorsListForTheNewOnesAndOnlyTheNewOneMayRecordOnIt()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Tasks, "CreateCallTask", deliveries: 1);
        var lead = App.SignedIn(Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead"));
        var top = await (await lead.GetAsync("/api/worklists?top=100")).ReadJsonAsync();
        var item = top.GetProperty("items").EnumerateArray().First(i => i.GetProperty("tasks").GetArrayLength() > 0 && i.GetProperty("collector").ValueKind == JsonValueKind.String);
        var a = item.GetProperty("collector").GetString()!;
        var taskId = item.GetProperty("tasks")[0].GetProperty("taskId").GetString()!;
        var b = new[] { "alice", "bob", "carol", "dave", "erin" }.First(c => c != a);
        var collectorA = App.SignedIn(Principals.Of("00000000-0000-0000-0000-00000000000a", a + "@ar.example.com", "Collector"));
        var collectorB = App.SignedIn(Principals.Of("00000000-0000-0000-0000-00000000000b", b + "@ar.example.com", "Collector"));

        var moved = await lead.PostAsync($"/api/tasks/{taskId}/assign", JsonContent.Create(new { collector = b }));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var task = (await moved.ReadJsonAsync()).GetProperty("task");
        Assert.Equal(b, task.GetProperty("assignee").GetString());
        Assert.Equal("lena@ar.example.com (00000000-0000-0000-0000-0000000001ea)", task.GetProperty("reassignedBy").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await collectorB.PostAsync($"/api/tasks/{taskId}/assign", JsonContent.Create(new { collector = b }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.PostAsync($"/api/tasks/{taskId}/assign", JsonContent.Create(new { collector = "nobody" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collectorA.PostAsync($"/api/tasks/{taskId}/outcome", JsonContent.Create(new { outcome = "reached" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await collectorB.PostAsync($"/api/tasks/{taskId}/outcome", JsonContent.Create(new { outcome = "reached" }))).StatusCode);
        Assert.DoesNotContain(taskId, await OpenTasksOnListAsync(lead, a));
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private static async Task<List<string>> OpenTasksOnListAsync(HttpClient client, string collector) =>
        [.. (await (await client.GetAsync($"/api/worklists/{collector}?top=500")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .SelectMany(i => i.GetProperty("tasks").EnumerateArray()).Select(t => t.GetProperty("taskId").GetString()!)];
}
