using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ArFunctions.Application;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Webhooks;
using ArFunctions.Benchmarks.WebhookLoad;
using ArFunctions.Local;
using ArFunctions.Storage;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Stores;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ArFunctions.Benchmarks.PaymentApply;

/// <summary>
/// <c>payment-apply</c>: queues payment events on Azurite through the app's own receiver (the webhook-load's events:
/// two payments per open invoice, every other invoice paid in full), then in one process times (a) the apply phase,
/// <c>workers</c> tasks draining <c>ar-payments</c> through <see cref="ApplyPaymentEvent"/> with the real storage
/// adapters, every table and queue call counted and timed on the wire (<see cref="StorageCallRecorder"/>), and (b) its
/// raw floor (<see cref="ApplyFloor"/>): a queue as deep, drained by the same loop, each event making straight with the
/// SDK as many minimal reads, queries and writes of each kind as the apply phase made per event. Prints events/s for
/// both, apply / floor (time), the round trips per event and where the apply phase's storage time went.
/// </summary>
internal static class PaymentApplyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ApplyOptions.Parse(args);
        await using var azurite = options.ConnectionString is null ? await LocalAzurite.StartAsync() : null;
        var connectionString = options.ConnectionString ?? azurite!.ConnectionString;
        var recorder = new StorageCallRecorder();
        var prefix = "apply" + Guid.NewGuid().ToString("N")[..8];
        if (options.QueueOnly)
        {
            return await DrainQueueAloneAsync(options, connectionString, prefix, azurite?.ProcessId ?? options.AzuritePid);
        }

        var settings = new Dictionary<string, string?>(StringComparer.Ordinal) { ["ArFunctions:Webhooks:Secrets:" + LoadApp.Source] = LoadApp.PaymentsSecret };
        await using var pipeline = await LocalPipeline.StartAsync(
            connectionString, LoadApp.Shards, Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"), prefix, services =>
            {
                services.Replace(ServiceDescriptor.Singleton(sp => StorageClientFactory.CreateTableServiceClient(StorageOf(sp), recorder.Options())));
                services.Replace(ServiceDescriptor.Singleton(sp => StorageClientFactory.CreateQueueServiceClient(StorageOf(sp), recorder.Attach(new QueueClientOptions()))));
            }, queuePrefix: prefix + "-", settings: settings);
        var services = pipeline.Services;
        var today = services.GetRequiredService<BusinessClock>().Today;
        var plan = LoadPlan.Create(options.Events, 0, today, options.Seed);
        Console.WriteLine(Line($"payment-apply: {plan.Events.Length:N0} payment events, {options.Workers} workers receiving {options.Batch} messages at a time"));

        var clock = Stopwatch.StartNew();
        await services.GetRequiredService<CustomerStore>().UpsertAsync(plan.Portfolio.Customers, CancellationToken.None);
        await services.GetRequiredService<InvoiceStore>().UpsertAsync(plan.Portfolio.Invoices, CancellationToken.None);
        await QueueEventsAsync(services.GetRequiredService<ReceiveWebhook>(), plan);
        Console.WriteLine(Line($"seeded {plan.Portfolio.Invoices.Length:N0} invoices and queued {plan.Events.Length:N0} events through ReceiveWebhook in {clock.Elapsed.TotalSeconds:0.0} s"));

        var queueOptions = recorder.Attach(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = new QueueClient(connectionString, services.GetRequiredService<IOptions<StorageOptions>>().Value.QueueName(QueueNames.Payments), queueOptions);
        var apply = services.GetRequiredService<ApplyPaymentEvent>();
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<ApplyOutcome, int>();
        recorder.Clear();
        var cpu = ProcessCpu.Start(("Azurite", azurite?.ProcessId ?? options.AzuritePid));
        var applied = await QueueWorkers.DrainAsync(queue, options.Workers, options.Batch, async (text, token) =>
        {
            var message = JsonSerializer.Deserialize<PaymentEventMessage>(text, QueueSender.SerializerOptions)
                ?? throw new InvalidOperationException("An empty message on the payments queue.");
            outcomes.AddOrUpdate(await apply.HandleAsync(message, token), 1, (_, n) => n + 1);
        });
        var applyCpu = cpu.Line(applied.Handled);
        var counts = recorder.Counts(prefix);
        var time = recorder.Time(prefix);
        var storageTime = TimeSpan.FromTicks(time.Values.Sum(t => t.Ticks));
        Print("apply", applied, string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Value:N0} {o.Key}")));
        Console.WriteLine("       " + applyCpu);
        Console.WriteLine(Line($"       round trips per event: {counts.Values.Sum() / (double)applied.Handled:0.00}, of which the queue loop's receive and delete {counts.Where(c => !ApplyFloor.Repeats(c.Key)).Sum(c => c.Value) / (double)applied.Handled:0.00}"));
        foreach (var (label, count) in counts.OrderByDescending(c => time[c.Key]))
        {
            Console.WriteLine(Line($"         {label,-28} {count / (double)applied.Handled,5:0.00} per event, {time[label].TotalMilliseconds / count,7:0.00} ms each, {time[label] / storageTime,4:P0} of storage time"));
        }

        var (floor, floorQueue) = await ApplyFloor.PrepareAsync(connectionString, prefix, counts, applied.Handled);
        cpu = ProcessCpu.Start(("Azurite", azurite?.ProcessId ?? options.AzuritePid));
        var floored = await QueueWorkers.DrainAsync(floorQueue, options.Workers, options.Batch, floor.HandleAsync);
        var floorCpu = cpu.Line(floored.Handled);
        Print("floor", floored, "the same loop, each event its share of the same calls on minimal entities");
        Console.WriteLine("       " + floorCpu);
        Console.WriteLine(Line($"apply / floor = {applied.Elapsed / floored.Elapsed:0.00} (time); apply {applied.Handled / applied.Elapsed.TotalSeconds:0.0} events/s, floor {floored.Handled / floored.Elapsed.TotalSeconds:0.0} events/s"));
        var ok = applied.Errors.Count == 0 && floored.Errors.Count == 0 && outcomes.GetValueOrDefault(ApplyOutcome.Applied) == plan.Events.Length;
        return ok ? 0 : 1;
    }

    /// <summary>
    /// <c>--queue-only 1</c>: the queue loop alone, a queue as deep drained by the same workers with nothing done per
    /// message but its receive and delete: the ceiling Queue Storage (here Azurite) puts on any handler at that depth.
    /// </summary>
    private static async Task<int> DrainQueueAloneAsync(ApplyOptions options, string connectionString, string prefix, int? azuritePid)
    {
        Console.WriteLine(Line($"payment-apply --queue-only: {options.Events:N0} messages, {options.Workers} workers receiving {options.Batch} messages at a time, nothing done per message"));
        var (floor, queue) = await ApplyFloor.PrepareAsync(connectionString, prefix, new Dictionary<string, int>(StringComparer.Ordinal), options.Events);
        var cpu = ProcessCpu.Start(("Azurite", azuritePid));
        var drained = await QueueWorkers.DrainAsync(queue, options.Workers, options.Batch, floor.HandleAsync);
        var used = cpu.Line(drained.Handled, "message");
        Print("queue loop alone", drained, "receive and delete only");
        Console.WriteLine("       " + used);
        return drained.Errors.Count == 0 && drained.Handled == options.Events ? 0 : 1;
    }

    /// <summary>Posts every event once through the receiver, 50 at a time: stored, then queued on ar-payments.</summary>
    private static Task QueueEventsAsync(ReceiveWebhook receive, LoadPlan plan) =>
        Parallel.ForEachAsync(plan.Events, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (e, token) =>
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["webhook-id"] = e.Id,
                ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
                [StandardWebhookVerifier.SignatureHeader] = StandardWebhookVerifier.Sign(LoadApp.PaymentsSecret, e.Id, timestamp, e.Body),
            };
            if (await receive.ReceiveAsync(LoadApp.Source, headers, e.Body, token) is not ReceiveResult.Accepted)
            {
                throw new InvalidOperationException($"Event {e.Id} was not accepted.");
            }
        });

    private static void Print(string phase, DrainResult result, string detail)
    {
        Console.WriteLine(Line($"{phase}: {result.Handled:N0} events in {result.Elapsed.TotalSeconds:0.00} s = {result.Handled / result.Elapsed.TotalSeconds:0.0} events/s ({detail})"));
        foreach (var error in result.Errors.Take(5))
        {
            Console.WriteLine("  error: " + error);
        }
    }

    private static StorageOptions StorageOf(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value;

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>[--events N] [--workers N] [--batch N] [--seed N] [--queue-only 1] [--connection-string CS [--azurite-pid N]]</c>; the pid of an Azurite started elsewhere measures its CPU.</summary>
    private sealed record ApplyOptions(int Events, int Workers, int Batch, int Seed, string? ConnectionString, int? AzuritePid, bool QueueOnly)
    {
        public static ApplyOptions Parse(string[] args)
        {
            var arguments = new CommandArgs(args);
            return new ApplyOptions(arguments.Int("--events", 10_000), arguments.Int("--workers", 16), arguments.Int("--batch", 8), arguments.Int("--seed", 2026), arguments.Text("--connection-string"),
                arguments.OptionalInt("--azurite-pid"), arguments.Int("--queue-only", 0) == 1);
        }
    }
}
