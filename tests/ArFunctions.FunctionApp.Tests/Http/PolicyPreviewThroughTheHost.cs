using System.Net;
using System.Text;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// POST /api/policy/preview through the host on the sample portfolio: a lead previews a draft that changes the standard
/// strategy's day-5 email template; exactly the emails the dry run would send with that template change, and nothing
/// is written. The policy in force itself changes nothing; an invalid draft is 400 with the loader's paths; a collector
/// is 403.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PolicyPreviewThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private const string StandardDay5Email = """{ "day": 5, "action": "email", "template": "overdue" }""";

    private static readonly string Lead = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");

    private static readonly string[] Written = [StorageTables.Actions, StorageTables.Ledger, StorageTables.Runs, StorageTables.CustomerStates, StorageTables.CallTasks];

    [Fact]
    public async Task ShowsExactlyTheTemplateChangeOfTheDryRunsEmailsAndWritesNothingGivenALeadsDraft()
    {
        await App.SeedAsync();
        var policy = await (await Client.GetAsync("/api/policy")).Content.ReadAsStringAsync();
        Assert.Contains(StandardDay5Email, policy, StringComparison.Ordinal);
        var draft = policy.Replace(StandardDay5Email, """{ "day": 5, "action": "email", "template": "final" }""", StringComparison.Ordinal);

        // The seeded day is every customer's first run (a baseline), where a later email speaks as a first contact: the
        // draft changes that template too, so its emails differ on this day as well.
        draft = "{ \"baseline\": { \"firstContactTemplate\": \"final\" }," + draft.TrimStart()[1..];
        var dryRun = await (await Client.PostAsync("/api/runs", Json($$"""{"asOf":"{{Today:yyyy-MM-dd}}","dryRun":true}"""))).ReadJsonAsync();
        var overdueEmails = dryRun.GetProperty("dryRun").GetProperty("actions").EnumerateArray()
            .Where(a => a.GetProperty("template").GetString() == "overdue").Select(a => a.GetProperty("actionId").GetString()).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(overdueEmails);
        var before = await WrittenAsync();

        var response = await App.SignedIn(Lead).PostAsync($"/api/policy/preview?asOf={Today:yyyy-MM-dd}", Json(draft));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.ReadJsonAsync();
        Assert.False(report.GetProperty("changesNothing").GetBoolean());
        var differences = report.GetProperty("differences").EnumerateArray().ToArray();
        Assert.All(differences, d =>
        {
            Assert.Empty(d.GetProperty("added").EnumerateArray());
            Assert.Empty(d.GetProperty("removed").EnumerateArray());
            Assert.Equal(d.GetProperty("segmentInForce").GetString(), d.GetProperty("segmentDraft").GetString());
        });
        var changes = differences.SelectMany(d => d.GetProperty("changed").EnumerateArray()).ToArray();
        Assert.Equal(overdueEmails, changes.Select(c => c.GetProperty("actionId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(changes, c =>
        {
            Assert.Equal(["template"], c.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
            Assert.Equal(("overdue", "final"), (c.GetProperty("inForce").GetProperty("template").GetString(), c.GetProperty("draft").GetProperty("template").GetString()));
        });
        Assert.Contains(report.GetProperty("segments").EnumerateArray(), s => s.GetProperty("segment").GetString() == "standard");
        Assert.Contains(report.GetProperty("collectors").EnumerateArray(), c => c.GetProperty("collector").GetString() == "carol" && c.GetProperty("capacityInForce").GetInt32() == 20);
        Assert.Equal(before, await WrittenAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/runs/{Today:yyyy-MM-dd}")).StatusCode);
    }

    [Fact]
    public async Task ChangesNothingGivenThePolicyInForceAsTheDraft()
    {
        await App.SeedAsync();
        var policy = await (await Client.GetAsync("/api/policy")).Content.ReadAsStringAsync();

        var report = await (await App.SignedIn(Lead).PostAsync("/api/policy/preview", Json(policy))).ReadJsonAsync();

        Assert.True(report.GetProperty("changesNothing").GetBoolean());
        Assert.Empty(report.GetProperty("differences").EnumerateArray());
        Assert.Equal($"{Today:yyyy-MM-dd}", report.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task AnswersValidationWithEveryPathGivenAnInvalidDraft()
    {
        var policy = await (await Client.GetAsync("/api/policy")).Content.ReadAsStringAsync();
        var broken = policy.Replace(StandardDay5Email, """{ "day": 5, "action": "emial", "template": "overdue" }""", StringComparison.Ordinal)
            .Replace("\"perCustomerPerWeek\": 3", "\"perCustomerPerWeek\": 3, \"perDay\": 1", StringComparison.Ordinal);

        var response = await App.SignedIn(Lead).PostAsync("/api/policy/preview", Json(broken));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToArray();
        Assert.Contains("strategies[2].steps[3].action", errors);
        Assert.Contains("contactCap.perDay", errors);
    }

    [Fact]
    public async Task AnswersValidationGivenAnAsOfThatIsNotADate()
    {
        var response = await App.SignedIn(Lead).PostAsync("/api/policy/preview?asOf=tomorrow", Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("asOf", (await response.ReadJsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task IsForbiddenToACollector()
    {
        var collector = Principals.Of("00000000-0000-0000-0000-00000000000c", "carol@ar.example.com", "Collector");

        var response = await App.SignedIn(collector).PostAsync("/api/policy/preview", Json("{}"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Every row (key and ETag) of the tables a run writes, and the depth of the queues it fills.</summary>
    private async Task<string> WrittenAsync()
    {
        var rows = new List<string>();
        foreach (var name in Written)
        {
            var table = await App.Get<StorageTables>().Get(name).GetAsync(CancellationToken.None);
            await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{name}/{entity.PartitionKey}/{entity.RowKey} {entity.ETag}");
            }
        }

        foreach (var queue in new[] { QueueNames.Shards, QueueNames.Emails, QueueNames.Tasks })
        {
            var client = App.Queue(queue);
            await client.CreateIfNotExistsAsync();
            rows.Add($"{queue} {(await client.GetPropertiesAsync()).Value.ApproximateMessagesCount}");
        }

        return JsonSerializer.Serialize(rows);
    }
}
