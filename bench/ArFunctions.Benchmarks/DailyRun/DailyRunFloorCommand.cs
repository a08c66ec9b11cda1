using System.Diagnostics;
using System.Globalization;
using ArFunctions.Application.Ports;
using ArFunctions.Email;
using ArFunctions.Local;
using ArFunctions.Samples;
using ArFunctions.Storage;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArFunctions.Benchmarks.DailyRun;

/// <summary>
/// <c>daily-run</c>: seeds a portfolio into Azurite, runs a warm-up day, then times in one process (b) the full daily
/// run of the next day and (a) the raw floor for the same work: plain SDK scans of the same partitions with the same
/// filters, plus plain batched writes of as many entities and messages as the run wrote, shard by shard with the
/// same concurrency. Prints both and run / floor. With <c>--census 1</c> it also counts on the wire what the timed run
/// read, wrote and sent (<see cref="RunCensus"/>) and prints that before the floor; <c>--actions 1</c> then drains the
/// queued actions through their handlers and prints their round trips (<see cref="ActionCensus"/>).
/// </summary>
public static class DailyRunFloorCommand
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = FloorOptions.Parse(args);
        await using var azurite = options.ConnectionString is null ? await LocalAzurite.StartAsync() : null;
        var connectionString = options.ConnectionString ?? azurite!.ConnectionString;
        Console.WriteLine($"daily-run: {options.Customers:N0} customers, {options.Invoices:N0} open invoices, {options.Shards} shards, concurrency {options.Concurrency}");

        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions
        {
            Customers = options.Customers,
            OpenInvoicesPerCustomer = (double)options.Invoices / options.Customers,
            PaidInvoicesPerCustomer = 2,
            Seed = 2026,
            AsOf = Day,
        });
        var counter = new WriteCounter(options.Shards);
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var calls = new StorageCallRecorder();
        var entities = new EntityCensus(prefix);
        var outbox = Path.Combine(Path.GetTempPath(), prefix);
        await using var pipeline = await CountingPipeline.StartAsync(connectionString, options.Shards, prefix, counter, services =>
        {
            if (options.Census)
            {
                services.Replace(ServiceDescriptor.Singleton(sp => StorageClientFactory.CreateTableServiceClient(StorageOf(sp), RunCensus.TableOptions(calls, entities))));
                services.Replace(ServiceDescriptor.Singleton(sp => StorageClientFactory.CreateQueueServiceClient(StorageOf(sp), RunCensus.QueueOptions(calls))));
            }

            if (options.Actions)
            {
                services.AddArFunctionsEmail();
            }
        }, options.Actions ? ActionCensus.Settings(outbox) : null);
        var clock = Stopwatch.StartNew();
        await pipeline.SeedAsync(portfolio.Customers, portfolio.Invoices, portfolio.Payments, portfolio.Interactions, CancellationToken.None);
        Console.WriteLine($"seeded {portfolio.Invoices.Length + portfolio.Customers.Length + portfolio.Payments.Length + portfolio.Interactions.Length:N0} entities in {clock.Elapsed.TotalSeconds:0.0} s ({portfolio.OpenInvoiceCount:N0} open invoices)");

        await pipeline.RunDayAsync(Day.AddDays(-1), options.Concurrency, CancellationToken.None);
        counter.Reset();
        calls.Clear();
        entities.Clear();
        clock.Restart();
        var run = await pipeline.RunDayAsync(Day, options.Concurrency, CancellationToken.None);
        var runSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"run:   {runSeconds:0.00} s  ({run.Counts!.Customers:N0} customers, {run.Counts.OpenInvoices:N0} open invoices, {run.Counts.StepsFired:N0} steps fired, {counter.RowsRead:N0} rows read, {counter.TotalEntities:N0} entities written, {counter.TotalMessages:N0} messages)");

        if (options.Census)
        {
            await RunCensus.PrintAsync(calls, entities, pipeline.Services.GetRequiredService<StorageTables>(), run.Counts.Customers, run.Counts.OpenInvoices, options.Shards);
            await RunCensus.PrintShardMemoryAsync(pipeline.Services.GetRequiredService<IShardStore>(), entities, Day);
        }

        clock.Restart();
        await RawFloor.RunAsync(pipeline.Services, connectionString, counter, Day, options.Concurrency);
        var floorSeconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"floor: {floorSeconds:0.00} s  (plain scans of the same partitions + {counter.TotalEntities:N0} entities in batches + {counter.TotalMessages:N0} messages)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run / floor = {runSeconds / floorSeconds:0.00}"));
        if (options.Actions)
        {
            Console.WriteLine("actions queued by the warm-up day and the timed run, through their handlers:");
            await ActionCensus.PrintAsync(pipeline, calls, prefix);
        }

        return 0;
    }

    private static StorageOptions StorageOf(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value;

    private sealed record FloorOptions(int Customers, int Invoices, int Shards, int Concurrency, string? ConnectionString, bool Census, bool Actions)
    {
        public static FloorOptions Parse(string[] args)
        {
            var arguments = new CommandArgs(args);
            return new FloorOptions(arguments.Int("--customers", 20_000), arguments.Int("--invoices", 200_000), arguments.Int("--shards", StorageOptions.DefaultShardCount),
                arguments.Int("--concurrency", 4), arguments.Text("--connection-string"), arguments.Int("--census", 0) != 0 || arguments.Int("--actions", 0) != 0,
                arguments.Int("--actions", 0) != 0);
        }
    }
}
