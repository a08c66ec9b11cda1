using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// Bad data against the whole app through the host: refused at intake with the field named; when already stored, the
/// day completes, the run, the dry run and the customer show the problem, and nothing answers 500. Runs go forward.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadDataThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private const string Huge = "79228162514264337593543950335";

    private static readonly string Lead = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");

    [Fact]
    public async Task PutInvoicesRefusesAnAmountPastTheSharedLimitNamingTheField()
    {
        var customer = await Client.PutAsync("/api/customers", Json("""[{"id":"C-1","name":"Acme GmbH","customerSince":"2020-01-15"}]"""));
        Assert.Equal(HttpStatusCode.OK, customer.StatusCode);

        var response = await Client.PutAsync("/api/invoices", Json($$"""[{"id":"I-1","customerId":"C-1","issueDate":"2026-10-01","dueDate":"2026-10-31","amount":{{Huge}},"openAmount":{{Huge}},"currency":"EUR"}]"""));

        var problem = await response.ReadBadRequestProblemAsync();
        Assert.Equal(["amount", "openAmount"], problem.ErrorFields());
        Assert.Contains("largest amount accepted (1000000000000)", problem.GetProperty("errors")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutCustomersRefusesLineBreaksControlCharactersAndTheCommaAddressNamingEachField()
    {
        var body = JsonSerializer.Serialize(new[]
        {
            new { id = "C-1", name = "Acme\r\nBcc: eve@evil.example", industry = "tools\u0007", customerSince = "2020-01-15", contacts = new[] { new { name = "Ann", role = "ap-clerk", email = "a,evil<x>@example.com" } } },
        });

        var response = await Client.PutAsync("/api/customers", Json(body));

        Assert.Equal(["name", "industry", "contacts[0].email"], (await response.ReadBadRequestProblemAsync()).ErrorFields());
    }

    [Fact]
    public async Task TheDayCompletesAndTheRunDryRunAndCustomerShowTheProblemGivenAStoredAmountPastTheLimit()
    {
        var portfolio = await App.SeedAsync();
        var bad = portfolio.Invoices.First(i => i.IsCollectible);
        var huge = decimal.Parse(Huge, CultureInfo.InvariantCulture);
        await App.Get<InvoiceStore>().UpsertAsync([bad with { Amount = huge, OpenAmount = huge }], CancellationToken.None);

        await App.RunDayAsync();

        var run = await (await Client.GetAsync($"/api/runs/{Today:yyyy-MM-dd}")).ReadJsonAsync();
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("counts").GetProperty("customersSkipped").GetInt32());
        Assert.Equal(portfolio.Customers.Length - 1, run.GetProperty("counts").GetProperty("customers").GetInt32());
        Assert.Equal([$"{bad.CustomerId} {bad.Id} amount", $"{bad.CustomerId} {bad.Id} openAmount"], Problems(run));

        var dryRun = await Client.PostAsync("/api/runs", Json($$"""{"asOf":"{{Today:yyyy-MM-dd}}","dryRun":true}"""));
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Equal(Problems(run), Problems((await dryRun.ReadJsonAsync()).GetProperty("dryRun")));

        var detail = await App.SignedIn(Lead).GetAsync($"/api/customers/{bad.CustomerId}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var customer = await detail.ReadJsonAsync();
        Assert.Equal(Problems(run), Problems(customer));
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("segment").GetProperty("qualifiesToday").ValueKind);
        Assert.Contains(customer.GetProperty("openInvoices").EnumerateArray(), i => i.GetProperty("id").GetString() == bad.Id.Value);
    }

    [Fact]
    public async Task RefusesARunAndADryRunBeforeTheLastRunWithBadRequestAndOpensNothing()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        var earlier = Today.AddDays(-3);

        foreach (var dry in new[] { false, true })
        {
            var response = await Client.PostAsync("/api/runs", Json($$"""{"asOf":"{{earlier:yyyy-MM-dd}}","dryRun":{{(dry ? "true" : "false")}}}"""));

            var problem = await response.ReadBadRequestProblemAsync();
            Assert.Equal(["asOf"], problem.ErrorFields());
            Assert.Contains($"is before the run of {Today:yyyy-MM-dd} (completed)", problem.GetProperty("errors")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/runs/{earlier:yyyy-MM-dd}")).StatusCode);
        Assert.Null(await App.Get<IRunStore>().GetAsync(earlier, CancellationToken.None));
        Assert.Empty((await App.Queue(QueueNames.Shards).ReceiveMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task TheTimerOpensNoRunForTodayGivenARunOfTomorrowAlreadyOpened()
    {
        await App.SeedAsync();
        var tomorrow = Today.AddDays(1);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsync("/api/runs", Json($$"""{"asOf":"{{tomorrow:yyyy-MM-dd}}"}"""))).StatusCode);
        await App.DrainAsync("ProcessShard");

        var timer = await App.Host.InvokeTimerAsync("DailyRun", isPastDue: false);

        Assert.True(timer.Succeeded, timer.Error);
        Assert.Single(await App.LogsAsync($"Run {Today:yyyy-MM-dd} not opened: the run of {tomorrow:yyyy-MM-dd} is already open"));
        Assert.Null(await App.Get<IRunStore>().GetAsync(Today, CancellationToken.None));
        Assert.Equal(RunStatus.Completed, (await App.Get<IRunStore>().GetAsync(tomorrow, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task RecordingAnOutcomeRefusesANoteWithACarriageReturnNamingTheField()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Tasks, "CreateCallTask", deliveries: 1);
        var lead = App.SignedIn(Lead);
        var top = await (await lead.GetAsync("/api/worklists?top=100")).ReadJsonAsync();
        var taskId = top.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("tasks").EnumerateArray()).First().GetProperty("taskId").GetString()!;

        var response = await lead.PostAsync($"/api/tasks/{taskId}/outcome", JsonContent.Create(new { outcome = "reached", note = "spoke to AP\r\nBcc: eve@evil.example" }));

        Assert.Equal(["note"], (await response.ReadBadRequestProblemAsync()).ErrorFields());
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/tasks/{taskId}/outcome", JsonContent.Create(new { outcome = "reached", note = "spoke to AP\nwill call back" }))).StatusCode);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static List<string> Problems(JsonElement view) =>
        [.. view.GetProperty("dataProblems").EnumerateArray().Select(p => $"{p.GetProperty("customerId").GetString()} {p.GetProperty("invoiceId").GetString()} {p.GetProperty("field").GetString()}")];
}
