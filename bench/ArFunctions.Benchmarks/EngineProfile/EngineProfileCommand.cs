using System.Diagnostics;
using System.Globalization;
using ArFunctions.Domain.Engine;

namespace ArFunctions.Benchmarks.EngineProfile;

/// <summary>
/// <c>engine-profile [--customers N] [--warmup N] [--days N] [--wait 1] [--types 1]</c>: the <c>WholeDay</c> benchmark's operation
/// in a plain loop, for a profiler. Builds the benchmark's portfolio, runs the day <c>--warmup</c> times, then
/// <c>--days</c> times, printing the time, the process's CPU time and the bytes allocated per day. With <c>--wait 1</c> it prints
/// <c>READY</c> before the measured days and <c>DONE</c> after them, each time waiting for a line on standard input, so
/// that a script can switch a profiler on and off around them (<c>callgrind_control -i on</c>; see docs/benchmarks.md). With <c>--types 1</c> it also prints the bytes allocated per day by
/// type, sampled from the runtime's allocation events (<see cref="AllocationSampler"/>).
/// </summary>
public static class EngineProfileCommand
{
    public static int Run(string[] args)
    {
        var arguments = new CommandArgs(args);
        var (customers, warmup, days, wait) = (arguments.Int("--customers", 100_000), arguments.Int("--warmup", 3), arguments.Int("--days", 5), arguments.Int("--wait", 0) == 1);
        using var sampler = arguments.Int("--types", 0) == 1 ? new AllocationSampler() : null;
        var portfolio = BenchmarkPortfolio.Create(customers, 10.0);
        Console.WriteLine($"engine-profile: {customers:N0} customers, {portfolio.OpenInvoices:N0} open invoices, {warmup} warm-up days, {days} measured days");
        for (var d = 0; d < warmup; d++)
        {
            Day(portfolio);
        }

        if (wait)
        {
            Console.WriteLine("READY");
            Console.ReadLine();
        }

        var (allocated, elapsed) = (0L, TimeSpan.Zero);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        sampler?.Recording = true;
        var result = 0;
        for (var d = 0; d < days; d++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            result += Day(portfolio);
            elapsed += Stopwatch.GetElapsedTime(started);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        sampler?.Recording = false;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / Math.Max(1, days);
        if (wait)
        {
            Console.WriteLine("DONE");
            Console.ReadLine();
        }

        var perDay = days == 0 ? 0 : elapsed.TotalMilliseconds / days;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"per day: {perDay:F1} ms ({portfolio.OpenInvoices / (perDay / 1000):N0} open invoices/s), CPU {cpu:F1} ms ({portfolio.OpenInvoices / (cpu / 1000):N0} open invoices/s of CPU time), {(double)allocated / Math.Max(1, days) / 1e6:F2} MB allocated (result {result})"));
        foreach (var (type, bytes) in sampler?.ByType().Take(25) ?? [])
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(double)bytes / Math.Max(1, days) / 1e6,8:F2} MB/day (sampled)  {type}"));
        }

        return 0;
    }

    /// <summary>The same operation as <see cref="DailyEngineBenchmarks.WholeDay"/>.</summary>
    private static int Day(BenchmarkPortfolio portfolio)
    {
        var actions = 0;
        var (_, worklist) = CollectionsEngine.Run(portfolio.Records, portfolio.Policy, portfolio.AsOf, (_, decision) => actions += decision.Plan.Actions.Count);
        return actions + worklist.Top.Count;
    }
}
