using System.Net;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using static ArFunctions.FunctionApp.Tests.Infrastructure.HostPayloads;

namespace ArFunctions.FunctionApp.Tests.Protocol;

[Collection(AzuriteCollection.Name)]
public sealed class DailyRunFunctionsInvoke(AzuriteFixture azurite) : AppTestBase(azurite)
{
    [Fact]
    public async Task AnswersReadinessProbeAtRoot()
    {
        var response = await Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpensTodaysRunInTheBusinessTimeZoneGivenPastDueTimer()
    {
        await SeedAsync();

        var response = await Client.InvokeAsync("DailyRun", Timer(isPastDue: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var log = Assert.Single(body.GetProperty("Logs").EnumerateArray()).GetString()!;
        Assert.Contains("2026-11-23", log, StringComparison.Ordinal);
        Assert.Contains("catches up", log, StringComparison.Ordinal);
        Assert.True(body.TryGetProperty("Outputs", out _));
        var run = await Get<IRunStore>().GetAsync(Today, CancellationToken.None);
        Assert.NotNull(run);
        var queued = await App.Queue(QueueNames.Shards).ReceiveMessagesAsync(32);
        Assert.Equal(FunctionAppFactory.Shards, queued.Value.Length);
    }

    [Fact]
    public async Task StartingTheSameDayTwiceQueuesOnlyUnfinishedShards()
    {
        await SeedAsync();
        await Client.InvokeAsync("DailyRun", Timer(isPastDue: false));
        await ProcessAllShardsAsync();

        var again = await Client.InvokeAsync("DailyRun", Timer(isPastDue: false));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("0 shards queued", (await again.ReadJsonAsync()).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(RunStatus.Completed, (await Get<IRunStore>().GetAsync(Today, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ProcessesShardMessagesInEveryFormTheHostDeliversThem()
    {
        await SeedAsync();
        await Client.InvokeAsync("DailyRun", Timer(isPastDue: false));
        var forms = new (QueueForm Form, object DequeueCount)[] { (QueueForm.String, 1), (QueueForm.QuotedString, "2"), (QueueForm.Object, 1), (QueueForm.String, 3) };

        for (var shard = 0; shard < forms.Length; shard++)
        {
            var text = $$"""{"asOf":"2026-11-23","shard":{{shard}}}""";
            var response = await Client.InvokeAsync("ProcessShard", Queue("ProcessShard", text, forms[shard].Form, forms[shard].DequeueCount));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith($"Processed shard {shard}", (await response.ReadJsonAsync()).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        }

        var run = await Get<IRunStore>().GetAsync(Today, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run!.Status);
        Assert.True(run.Counts!.Customers > 0);
    }

    [Fact]
    public async Task RedeliveredShardMessageIsAnsweredWithoutWorkingTwice()
    {
        await SeedAsync();
        await Client.InvokeAsync("DailyRun", Timer(isPastDue: false));
        var payload = Queue("ProcessShard", """{"asOf":"2026-11-23","shard":0}""");
        await Client.InvokeAsync("ProcessShard", payload);

        var second = await Client.InvokeAsync("ProcessShard", Queue("ProcessShard", """{"asOf":"2026-11-23","shard":0}""", dequeueCount: 2));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already done", (await second.ReadJsonAsync()).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"asOf":"2026-11-23"}""")]
    [InlineData("""{"shard":1}""")]
    [InlineData("""{"asOf":"yesterday","shard":1}""")]
    [InlineData("""{"asOf":"2026-11-23","shard":"one"}""")]
    [InlineData("""{"asOf":null,"shard":1}""")]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("{\"asOf\":\"2026-11-23\",\"shard\":1")]
    public async Task MovesAMalformedMessageToThePoisonQueueAtOnce(string text)
    {
        var response = await Client.InvokeAsync("ProcessShard", Queue("ProcessShard", text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ar-shards-poison", (await response.ReadJsonAsync()).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        var poisoned = await App.Queue(QueueNames.Shards + "-poison").ReceiveMessagesAsync(32);
        Assert.Equal(text, Assert.Single(poisoned.Value).Body.ToString());
    }

    [Fact]
    public async Task MovesAMessageForADayWithoutARunToThePoisonQueue()
    {
        var response = await Client.InvokeAsync("ProcessShard", Queue("ProcessShard", """{"asOf":"2025-01-01","shard":1}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no run was opened", (await response.ReadJsonAsync()).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        Assert.Single((await App.Queue(QueueNames.Shards + "-poison").ReceiveMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task AnswersBadRequestGivenAnInvocationBodyThatIsNotJson()
    {
        var response = await Client.PostAsync("/ProcessShard", new StringContent("<xml/>"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not JSON", (await response.ReadJsonAsync()).GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task ProcessAllShardsAsync()
    {
        var queue = App.Queue(QueueNames.Shards);
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            var response = await Client.InvokeAsync("ProcessShard", Queue("ProcessShard", message.Body.ToString(), dequeueCount: (int)message.DequeueCount));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}
