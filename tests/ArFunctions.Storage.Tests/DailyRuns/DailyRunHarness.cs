using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Invoices;
using ArFunctions.Local;
using ArFunctions.Samples;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.Storage.Tests.DailyRuns;

/// <summary>
/// The daily run wired as in production (AddArFunctionsStorage + AddArFunctionsApplication) over tables and queues
/// no other test uses, with the sample policy. It plays the Functions host: it drains the shard queue into
/// <see cref="ProcessShard"/> and reads the action queues back.
/// </summary>
public sealed class DailyRunHarness : IAsyncDisposable
{
    private readonly LocalPipeline _pipeline;
    private readonly string _queuePrefix;

    private DailyRunHarness(LocalPipeline pipeline, string queuePrefix)
    {
        _pipeline = pipeline;
        _queuePrefix = queuePrefix;
    }

    public IServiceProvider Services => _pipeline.Services;

    /// <summary>A harness whose policy in force is the file <paramref name="policyPath"/> (default: the sample policy).</summary>
    public static async Task<DailyRunHarness> CreateAsync(AzuriteFixture azurite, int shardCount, Action<IServiceCollection>? replace = null, string? policyPath = null)
    {
        var queuePrefix = AzuriteFixture.UniqueName("q") + "-";
        var pipeline = await LocalPipeline.StartAsync(
            azurite.ConnectionString, shardCount, policyPath ?? Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"), AzuriteFixture.UniqueName("t"), replace, queuePrefix);
        return new DailyRunHarness(pipeline, queuePrefix);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public Task SeedAsync(Portfolio portfolio) => SeedAsync(portfolio, _ => true, i => i);

    /// <summary>The customers of <paramref name="portfolio"/> that <paramref name="keep"/> keeps, with their records, each invoice as <paramref name="edit"/> makes it.</summary>
    public Task SeedAsync(Portfolio portfolio, Func<Domain.Common.CustomerId, bool> keep, Func<Invoice, Invoice> edit) =>
        _pipeline.SeedAsync(
            portfolio.Customers.Where(c => keep(c.Id)), portfolio.Invoices.Where(i => keep(i.CustomerId)).Select(edit),
            portfolio.Payments.Where(p => keep(p.CustomerId)), portfolio.Interactions.Where(i => keep(i.CustomerId)), CancellationToken.None);

    /// <summary>Exactly these customers and invoices, with no payments or interactions.</summary>
    public Task SeedAsync(IEnumerable<Domain.Customers.Customer> customers, IEnumerable<Invoice> invoices) =>
        _pipeline.SeedAsync(customers, invoices, [], [], CancellationToken.None);

    /// <summary>Starts the run of <paramref name="asOf"/> and processes shard messages until the queue is empty.</summary>
    public async Task<RunRecord> RunDayAsync(DateOnly asOf)
    {
        await Get<StartDailyRun>().StartAsync(asOf, CancellationToken.None);
        await DrainShardsAsync();
        return (await Get<IRunStore>().GetAsync(asOf, CancellationToken.None))!;
    }

    /// <summary>
    /// Hands every shard message to <see cref="ProcessShard"/>; a message whose processing throws is left in the
    /// queue, as the host does, and comes back after a second.
    /// </summary>
    public async Task<int> DrainShardsAsync(bool stopOnFailure = false)
    {
        var queue = Queue(QueueNames.Shards);
        await queue.CreateIfNotExistsAsync();
        var failures = 0;
        while (true)
        {
            var received = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(1))).Value;
            if (received.Length == 0)
            {
                var properties = await queue.GetPropertiesAsync();
                if (properties.Value.ApproximateMessagesCount == 0)
                {
                    return failures;
                }

                await Task.Delay(250);
                continue;
            }

            foreach (var message in received)
            {
                var shardMessage = JsonSerializer.Deserialize<ProcessShardMessage>(message.Body.ToString(), QueueSender.SerializerOptions)!;
                try
                {
                    await Get<ProcessShard>().ProcessAsync(shardMessage, CancellationToken.None);
                    await DeleteAsync(queue, message.MessageId, message.PopReceipt);
                }
                catch (Exception e) when (e is OperationCanceledException or FaultInjectedException)
                {
                    failures++;
                    if (stopOnFailure)
                    {
                        return failures;
                    }
                }
            }
        }
    }

    /// <summary>Receives and deletes every message of the email and task queues.</summary>
    public async Task<List<ActionMessage>> DrainActionsAsync()
    {
        var messages = new List<ActionMessage>();
        foreach (var name in new[] { QueueNames.Emails, QueueNames.Tasks })
        {
            var queue = Queue(name);
            await queue.CreateIfNotExistsAsync();
            while (true)
            {
                var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
                if (received.Length == 0)
                {
                    break;
                }

                messages.AddRange(received.Select(m => JsonSerializer.Deserialize<ActionMessage>(m.Body.ToString(), QueueSender.SerializerOptions)!));
                await Task.WhenAll(received.Select(m => DeleteAsync(queue, m.MessageId, m.PopReceipt)));
            }
        }

        return messages;
    }

    public async Task<List<LedgerRow>> LedgerAsync() =>
        await AllShardsAsync(Get<LedgerStore>().StreamShardAsync);

    public async Task<List<StoredAction>> ActionsAsync() =>
        await AllShardsAsync(Get<TableShardStore>().StreamActionsAsync);

    public Task MarkPaidAsync(IEnumerable<Invoice> invoices, DateOnly paidOn) => _pipeline.RecordPaidInFullAsync(invoices, paidOn, CancellationToken.None);

    public ValueTask DisposeAsync() => _pipeline.DisposeAsync();

    /// <summary>Azurite now and then answers 404 for a message it just handed out; the message is gone either way.</summary>
    private static async Task DeleteAsync(QueueClient queue, string messageId, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private QueueClient Queue(string name) => Get<QueueServiceClient>().GetQueueClient(QueueNames.Full(_queuePrefix, name));

    private async Task<List<T>> AllShardsAsync<T>(Func<int, CancellationToken, IAsyncEnumerable<T>> stream)
    {
        var all = new List<T>();
        for (var shard = 0; shard < Get<IShardStore>().ShardCount; shard++)
        {
            await foreach (var item in stream(shard, CancellationToken.None))
            {
                all.Add(item);
            }
        }

        return all;
    }
}
