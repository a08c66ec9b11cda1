using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Functions;

/// <summary>The timer and the shard queue function, invoked in the built worker the way the host invokes them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DailyRunFunctionsInvoke(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    [Fact]
    public async Task OpensTodaysRunInTheBusinessTimeZoneGivenPastDueTimer()
    {
        await App.SeedAsync();

        var result = await App.Host.InvokeTimerAsync("DailyRun", isPastDue: true);

        Assert.True(result.Succeeded, result.Error);
        Assert.Contains($"{Today:yyyy-MM-dd}", Assert.Single(await App.LogsAsync("catches up")), StringComparison.Ordinal);
        Assert.NotNull(await App.Get<IRunStore>().GetAsync(Today, CancellationToken.None));
        var queued = await App.Queue(QueueNames.Shards).ReceiveMessagesAsync(32);
        Assert.Equal(WorkerApp.Shards, queued.Value.Length);
    }

    [Fact]
    public async Task StartingTheSameDayTwiceQueuesOnlyUnfinishedShards()
    {
        await App.SeedAsync();
        await App.RunDayAsync();

        var again = await App.Host.InvokeTimerAsync("DailyRun", isPastDue: false);

        Assert.True(again.Succeeded, again.Error);
        Assert.Single(await App.LogsAsync("0 shards queued"));
        Assert.Equal(RunStatus.Completed, (await App.Get<IRunStore>().GetAsync(Today, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ProcessesEveryShardWhateverDequeueCountTheHostGives()
    {
        await App.SeedAsync();
        await App.Host.InvokeTimerAsync("DailyRun", isPastDue: false);

        for (var shard = 0; shard < WorkerApp.Shards; shard++)
        {
            var result = await App.Host.InvokeQueueAsync("ProcessShard", $$"""{"asOf":"{{Today:yyyy-MM-dd}}","shard":{{shard}}}""", dequeueCount: 1 + (shard % 3));

            Assert.True(result.Succeeded, result.Error);
            Assert.Single(await App.LogsAsync($"Processed shard {shard} "));
        }

        var run = await App.Get<IRunStore>().GetAsync(Today, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run!.Status);
        Assert.True(run.Counts!.Customers > 0);
    }

    [Fact]
    public async Task RedeliveredShardMessageIsAnsweredWithoutWorkingTwice()
    {
        await App.SeedAsync();
        await App.Host.InvokeTimerAsync("DailyRun", isPastDue: false);
        var message = $$"""{"asOf":"{{Today:yyyy-MM-dd}}","shard":0}""";
        await App.Host.InvokeQueueAsync("ProcessShard", message);

        var second = await App.Host.InvokeQueueAsync("ProcessShard", message, dequeueCount: 2);

        Assert.True(second.Succeeded, second.Error);
        Assert.Single(await App.LogsAsync("already done (delivery 2)"));
    }

    [Fact]
    public async Task MovesEveryMalformedMessageToThePoisonQueueAtOnce()
    {
        string[] malformed =
        [
            "not json at all", """{"asOf":"2026-11-23"}""", """{"shard":1}""", """{"asOf":"yesterday","shard":1}""",
            """{"asOf":"2026-11-23","shard":"one"}""", """{"asOf":null,"shard":1}""", "[1,2,3]", "42", "{\"asOf\":\"2026-11-23\",\"shard\":1",
        ];

        foreach (var text in malformed)
        {
            var result = await App.Host.InvokeQueueAsync("ProcessShard", text);

            Assert.True(result.Succeeded, $"{text}: {result.Error}");
        }

        Assert.Equal(malformed.Length, (await App.LogsAsync(App.QueuePrefix + "shards-poison", malformed.Length)).Count);
        var poisoned = (await App.Queue(QueueNames.Shards + QueueNames.PoisonSuffix).ReceiveMessagesAsync(32)).Value;
        Assert.Equal(malformed, poisoned.Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task MovesAMessageForADayWithoutARunToThePoisonQueue()
    {
        var result = await App.Host.InvokeQueueAsync("ProcessShard", """{"asOf":"2025-01-01","shard":1}""");

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(await App.LogsAsync("no run was opened"));
        Assert.Single((await App.Queue(QueueNames.Shards + QueueNames.PoisonSuffix).ReceiveMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task TheListenerPoisonsAMalformedMessageOnItsFirstDelivery()
    {
        var queue = App.Queue(QueueNames.Emails);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"actionId\":");

        var report = await App.DrainAsync("SendEmail");

        var invocation = Assert.Single(report.Invocations);
        Assert.Equal(1, invocation.DequeueCount);
        Assert.Single((await App.Queue(QueueNames.Emails + QueueNames.PoisonSuffix).ReceiveMessagesAsync(32)).Value);
    }
}
