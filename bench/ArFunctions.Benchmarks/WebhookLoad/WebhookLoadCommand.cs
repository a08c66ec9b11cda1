using System.Diagnostics;
using System.Globalization;
using ArFunctions.Application;
using ArFunctions.Local;
using ArFunctions.Storage.Stores;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>What a load run measured, and whether the exactly-once check passed.</summary>
internal sealed record LoadReport(PostResult Posted, ApplyResult Applied, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// <c>webhook-load</c>: starts the built function app under the worker test host over Azurite, seeds a sample portfolio,
/// posts signed payment events (with duplicate deliveries) from concurrent connections to the host's HTTP front end,
/// prints requests/s and latency percentiles, then lets the host's queue listener apply the payments queue through the
/// ApplyPayment function, prints applied events/s, and checks that every event was applied exactly once. Exit code 1
/// when the check fails.
/// </summary>
internal static class WebhookLoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        await using var azurite = options.ConnectionString is null ? await LocalAzurite.StartAsync() : null;
        var report = await RunAsync(options, options.ConnectionString ?? azurite!.ConnectionString, Console.Out, azuritePid: azurite?.ProcessId ?? options.AzuritePid);
        return report.Passed ? 0 : 1;
    }

    /// <summary>One run on <paramref name="connectionString"/>'s storage, printing to <paramref name="output"/>; <paramref name="beforeCheck"/> runs between applying and checking (tests use it to break what the check must catch).</summary>
    public static async Task<LoadReport> RunAsync(LoadOptions options, string connectionString, TextWriter output, Func<LoadApp, LoadPlan, Task>? beforeCheck = null, int? azuritePid = null)
    {
        var outbox = Path.Combine(Path.GetTempPath(), "arfunctions-load-" + Guid.NewGuid().ToString("N")[..8]);
        await using var app = await LoadApp.StartAsync(connectionString, outbox, options.ApplyConcurrency, options.AppDirectory);
        output.WriteLine(Line($"worker: functions loaded {app.Host.StartedIn.TotalMilliseconds:N0} ms after the process started"));
        var today = app.Get<BusinessClock>().Today;
        var plan = LoadPlan.Create(options.Events, options.Duplicates, today, options.Seed);
        output.WriteLine(Line($"webhook-load: {plan.Events.Length:N0} events + {plan.Deliveries.Length - plan.Events.Length:N0} duplicates = {plan.Deliveries.Length:N0} requests, {options.Concurrency} connections, {plan.Targets.Count:N0} invoices paid ({LoadPlan.EventsPerInvoice} payments each)"));

        var clock = Stopwatch.StartNew();
        await app.Get<CustomerStore>().UpsertAsync(plan.Portfolio.Customers, CancellationToken.None);
        await app.Get<InvoiceStore>().UpsertAsync(plan.Portfolio.Invoices, CancellationToken.None);
        output.WriteLine(Line($"seeded {plan.Portfolio.Customers.Length:N0} customers and {plan.Portfolio.Invoices.Length:N0} invoices in {clock.Elapsed.TotalSeconds:0.0} s"));

        using var client = WebhookPoster.CreateClient(app.Address, options.Concurrency);
        await WebhookPoster.WarmUpAsync(client, plan, 200);
        output.WriteLine(Line($"worker: first invocation answered {app.Host.FirstInvocationAnsweredIn?.TotalMilliseconds:N0} ms after the process started"));
        var untimed = Math.Min(options.Warmup ?? plan.Deliveries.Length / 2, plan.Deliveries.Length / 2);
        var timed = plan.Deliveries.Length - untimed;
        var before = await FloorAsync("floor before", connectionString, plan, options.Concurrency, untimed, timed, azuritePid, output);
        var receiving = new SteadyWindow(untimed, () => ProcessCpu.Start(("the worker", app.Host.WorkerProcessId), ("Azurite", azuritePid)));
        var posted = await WebhookPoster.PostAsync(client, plan, options.Concurrency, receiving);
        var postCpu = receiving.Cpu!.Line(timed, "request");
        PrintPosting(plan, posted, output);
        output.WriteLine("       " + postCpu);
        var after = await FloorAsync("floor after", connectionString, plan, options.Concurrency, untimed, timed, azuritePid, output);
        var floor = (before + after) / 2;
        output.WriteLine(Line($"receive / floor = {posted.Elapsed / floor:0.00} (time, against the mean of the floors before and after; {posted.Elapsed / before:0.00} and {posted.Elapsed / after:0.00} against each); load average {ProcessCpu.LoadAverage()}"));
        if (!options.Apply)
        {
            output.WriteLine("apply: skipped (--apply false); no exactly-once check");
            TryDelete(outbox);
            return new LoadReport(posted, new ApplyResult(0, new Dictionary<string, int>(), 0, 0, TimeSpan.Zero, []), posted.Errors);
        }

        var applied = await HostApply.DrainAsync(app.Host);
        PrintApplying(applied, options.ApplyConcurrency, output);

        if (beforeCheck is not null)
        {
            await beforeCheck(app, plan);
        }

        var failures = await ExactlyOnceCheck.RunAsync(plan, posted, app.Services, connectionString, app.QueuePrefix);
        foreach (var failure in failures)
        {
            output.WriteLine("  FAIL: " + failure);
        }

        output.WriteLine(Line($"exactly-once: {(failures.Count == 0 ? "PASS" : "FAIL")} ({plan.Events.Length:N0} distinct events accepted once each, {plan.Deliveries.Length - plan.Events.Length:N0} duplicates, all applied; {plan.Targets.Count:N0} invoices = original - sum of their payments)"));
        TryDelete(outbox);
        return new LoadReport(posted, applied, failures);
    }

    /// <summary>
    /// The raw floor, run just before and just after receiving: Azurite's cost per call drifts with what the account
    /// holds and as its own code warms up, so receiving is compared with the mean of the two.
    /// </summary>
    private static async Task<TimeSpan> FloorAsync(string label, string connectionString, LoadPlan plan, int concurrency, int untimed, int timed, int? azuritePid, TextWriter output)
    {
        var window = new SteadyWindow(untimed, () => ProcessCpu.Start(("Azurite", azuritePid)));
        var elapsed = await ReceiveFloor.RunAsync(connectionString, plan, concurrency, window);
        output.WriteLine(Line($"{label}: the same {plan.Deliveries.Length:N0} deliveries made straight with the SDK from {concurrency} workers (the same inserts, reads of duplicates and sends); the last {timed:N0} in {elapsed.TotalSeconds:0.00} s = {timed / elapsed.TotalSeconds:N0} requests/s"));
        output.WriteLine("       " + window.Cpu!.Line(timed, "request"));
        return elapsed;
    }

    private static void PrintPosting(LoadPlan plan, PostResult posted, TextWriter output)
    {
        var seconds = posted.Elapsed.TotalSeconds;
        var sorted = posted.LatencyMs[posted.Untimed..].Order().ToArray();
        output.WriteLine(Line($"post:  {posted.Outcomes.Length:N0} requests, the first {posted.Untimed:N0} untimed (warm-up, on both sides); the last {posted.Timed:N0} in {seconds:0.00} s = {posted.Timed / seconds:N0} requests/s"));
        output.WriteLine(Line($"       {posted.Outcomes.Count(o => o == DeliveryOutcome.Accepted):N0} accepted, {posted.Outcomes.Count(o => o == DeliveryOutcome.Duplicate):N0} duplicate, {posted.Outcomes.Count(o => o == DeliveryOutcome.Failed):N0} failed"));
        output.WriteLine(Line($"       latency p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms, max {sorted[^1]:0.0} ms"));
        foreach (var error in posted.Errors.Take(5))
        {
            output.WriteLine("  error: " + error);
        }
    }

    private static void PrintApplying(ApplyResult applied, int concurrency, TextWriter output)
    {
        var seconds = applied.Elapsed.TotalSeconds;
        var outcomes = string.Join(", ", applied.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value:N0} {o.Key}"));
        output.WriteLine(Line($"apply: {applied.Messages:N0} messages in {seconds:0.00} s = {applied.Messages / seconds:N0} events/s through the host's queue listener (batchSize {concurrency}); {outcomes}; {applied.Redeliveries:N0} redeliveries, {applied.GaveUp:N0} poisoned"));
        foreach (var error in applied.Errors.Take(5))
        {
            output.WriteLine("  error: " + error);
        }
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void TryDelete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>
/// <c>[--events N] [--concurrency N] [--duplicates F] [--warmup N] [--apply-concurrency N] [--seed N] [--apply false] [--connection-string CS [--azurite-pid N]] [--app-directory DIR]</c>;
/// the first <c>--warmup</c> deliveries (half of them unless given, at most half) are made but not timed, on both sides; the pid of an Azurite
/// started elsewhere measures its CPU; <c>--app-directory</c> runs a published worker (e.g. ReadyToRun) instead of the build output.
/// </summary>
internal sealed record LoadOptions(int Events, int Concurrency, double Duplicates, int ApplyConcurrency, int Seed, string? ConnectionString, bool Apply = true, int? AzuritePid = null, int? Warmup = null, string? AppDirectory = null)
{
    public static LoadOptions Parse(string[] args)
    {
        var arguments = new CommandArgs(args);
        return new LoadOptions(arguments.Int("--events", 10_000), arguments.Int("--concurrency", 50), arguments.Double("--duplicates", 0.1), arguments.Int("--apply-concurrency", 16), arguments.Int("--seed", 2026), arguments.Text("--connection-string"),
            arguments.Bool("--apply", true),
            arguments.OptionalInt("--azurite-pid"), arguments.OptionalInt("--warmup"),
            arguments.Text("--app-directory"));
    }
}
