using System.Globalization;
using ArFunctions.Application;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Local;

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

    /// <summary>Builds and starts the services; <paramref name="configure"/> has the last word on them (for example, decorators that count writes).</summary>
    public static async Task<LocalPipeline> StartAsync(
        string connectionString, int shardCount, string policyPath, string tablePrefix, Action<IServiceCollection>? configure = null, string queuePrefix = "")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ArFunctions:Storage:ConnectionString"] = connectionString,
            ["ArFunctions:Storage:TablePrefix"] = tablePrefix,
            ["ArFunctions:Storage:QueuePrefix"] = queuePrefix,
            ["ArFunctions:Storage:ShardCount"] = shardCount.ToString(CultureInfo.InvariantCulture),
            ["ArFunctions:Policy:Path"] = policyPath,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddArFunctionsStorage();
        builder.AddArFunctionsApplication();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
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
        var process = Get<ProcessShard>();
        await Parallel.ForEachAsync(started.ShardsQueued, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (shard, token) => await process.ProcessAsync(new ProcessShardMessage(asOf, shard), token).ConfigureAwait(false)).ConfigureAwait(false);
        var run = await Get<IRunStore>().GetAsync(asOf, cancellationToken).ConfigureAwait(false);
        return run is { Status: RunStatus.Completed } ? run : throw new InvalidOperationException($"The run of {asOf:yyyy-MM-dd} did not complete.");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        _host.Dispose();
    }
}
