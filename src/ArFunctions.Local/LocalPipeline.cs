using System.Globalization;
using System.Text.Json;
using ArFunctions.Application;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Stores;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArFunctions.Local;

/// <summary>
/// The daily run wired exactly as the function app wires it (AddArFunctionsStorage + AddArFunctionsApplication), for
/// local runs, demos and benchmarks against an emulator or an account: seeding, and running a day by handing the
/// shard messages straight to <see cref="ProcessShard"/> instead of waiting for a Functions host to deliver them.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly IHost _host;

    private LocalPipeline(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    /// <summary>
    /// Builds and starts the services; <paramref name="configure"/> has the last word on them (for example, decorators that
    /// count writes, another clock or the email sender), <paramref name="settings"/> on the configuration (keys such as
    /// <c>ArFunctions:Email:Mode</c>).
    /// </summary>
    public static async Task<LocalPipeline> StartAsync(
        string connectionString,
        int shardCount,
        string policyPath,
        string tablePrefix,
        Action<IServiceCollection>? configure = null,
        string queuePrefix = QueueNames.DefaultPrefix,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ArFunctions:Storage:ConnectionString"] = connectionString,
            ["ArFunctions:Storage:TablePrefix"] = tablePrefix,
            [QueueNames.PrefixSetting] = queuePrefix,
            ["ArFunctions:Storage:ShardCount"] = shardCount.ToString(CultureInfo.InvariantCulture),
            ["ArFunctions:Policy:Path"] = policyPath,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddArFunctionsStorage();
        builder.AddArFunctionsApplication();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            // Invalid settings fail the start (ValidateOnStart); the caller reports them, the host must not linger.
            host.Dispose();
            throw;
        }

        return new LocalPipeline(host);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task SeedAsync(IEnumerable<Customer> customers, IEnumerable<Invoice> invoices, IEnumerable<Payment> payments, IEnumerable<Interaction> interactions, CancellationToken cancellationToken)
    {
        await Get<CustomerStore>().UpsertAsync(customers, cancellationToken).ConfigureAwait(false);
        await Get<InvoiceStore>().UpsertAsync(invoices, cancellationToken).ConfigureAwait(false);
        await Get<PaymentStore>().UpsertAsync(payments, cancellationToken).ConfigureAwait(false);
        await Get<InteractionStore>().UpsertAsync(interactions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the invoices paid in full on <paramref name="paidOn"/> and records the payment of each, as a processor's payment would.</summary>
    public async Task RecordPaidInFullAsync(IEnumerable<Invoice> invoices, DateOnly paidOn, CancellationToken cancellationToken)
    {
        var paid = invoices.Select(i => i with { OpenAmount = 0m, Status = InvoiceStatus.Paid, PaidOn = paidOn }).ToArray();
        await Get<InvoiceStore>().UpsertAsync(paid, cancellationToken).ConfigureAwait(false);
        await Get<PaymentStore>().UpsertAsync(
            paid.Select(i => new Payment("PAY-" + i.Id.Value, i.Id, i.CustomerId, i.Amount, i.Currency, paidOn, PaymentMethod.Ach)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the run of <paramref name="asOf"/> and processes its shards, <paramref name="concurrency"/> at a time.</summary>
    public async Task<RunRecord> RunDayAsync(DateOnly asOf, int concurrency, CancellationToken cancellationToken)
    {
        var started = await Get<StartDailyRun>().StartAsync(asOf, cancellationToken).ConfigureAwait(false);
        if (started.LaterRun is { } later)
        {
            throw new InvalidOperationException($"The run of {asOf:yyyy-MM-dd} {StartDailyRun.Refusal(asOf, later)}.");
        }

        var process = Get<ProcessShard>();
        await Parallel.ForEachAsync(started.ShardsQueued, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (shard, token) => await DeliverAsync(process.ProcessAsync, new ProcessShardMessage(asOf, shard), token).ConfigureAwait(false)).ConfigureAwait(false);
        var run = await Get<IRunStore>().GetAsync(asOf, cancellationToken).ConfigureAwait(false);
        return run is { Status: RunStatus.Completed } ? run : throw new InvalidOperationException($"The run of {asOf:yyyy-MM-dd} did not complete.");
    }

    /// <summary>
    /// As the Functions host does with a queue message whose function failed on storage, delivers it again (up to the
    /// host's default five deliveries): shards finishing at the same moment may finalise the run concurrently, and one of
    /// them can fail on a row the other just deleted.
    /// </summary>
    private static async Task DeliverAsync<T>(Func<T, CancellationToken, Task> handle, T message, CancellationToken cancellationToken)
    {
        for (var delivery = 1; ; delivery++)
        {
            try
            {
                await handle(message, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException) when (delivery < 5)
            {
                // Delivered again.
            }
        }
    }

    /// <summary>
    /// Plays a Functions host's queue listener: hands every message of <paramref name="queueName"/> (prefixed as the app
    /// sends it) to <paramref name="handle"/>, <paramref name="concurrency"/> at a time, and deletes it once handled, until
    /// the queue has no visible message. Messages sent while draining are handled too; a handler that fails on storage is
    /// called again, as the host redelivers. Returns how many were handled.
    /// </summary>
    public Task<int> DrainAsync<T>(string queueName, Func<T, CancellationToken, Task> handle, int concurrency, CancellationToken cancellationToken) =>
        DrainAsync<T>(queueName, async (message, token) =>
        {
            await handle(message, token).ConfigureAwait(false);
            return DeliveryOutcome.Done;
        }, concurrency, cancellationToken);

    /// <summary>
    /// As above, with the function app's verdict on each handled message (<see cref="DeliveryOutcome"/>): a message to
    /// retry or to poison is left in the queue (for the function app, which retries or poisons it), not deleted.
    /// </summary>
    public Task<int> DrainAsync<T>(string queueName, Func<T, CancellationToken, Task<DeliveryOutcome>> handle, int concurrency, CancellationToken cancellationToken)
    {
        var options = Get<IOptions<StorageOptions>>().Value;
        var queue = Get<QueueServiceClient>().GetQueueClient(options.QueueName(queueName));
        return QueueDrain.RunAsync(queue, async (text, token) =>
        {
            var body = JsonSerializer.Deserialize<T>(text, QueueSender.SerializerOptions)
                ?? throw new InvalidOperationException($"A message of {queueName} is empty.");
            var outcome = DeliveryOutcome.Done;
            await DeliverAsync<T>(async (message, t) => outcome = await handle(message, t).ConfigureAwait(false), body, token).ConfigureAwait(false);
            return outcome.Verdict == DeliveryVerdict.Done;
        }, new QueueDrainOptions { Concurrency = concurrency }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
