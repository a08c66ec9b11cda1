using System.Diagnostics;
using System.Globalization;
using ArFunctions.FaultReplay;
using ArFunctions.Local;

namespace ArFunctions.Benchmarks.FaultReplay;

/// <summary>
/// <c>fault-replay [--customers N] [--days N] [--seed N] [--crash-rate F] [--connection-string CS]</c>: the once-only
/// replay (<see cref="OnceOnlyReplay"/>) at the size given, on Azurite started from node_modules unless a connection
/// string is given. Prints the faults injected per kind, the deliveries, the contacts made and every duplicate count;
/// exit code 1 when anything that must never happen did.
/// </summary>
internal static class FaultReplayCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var values = Parse(args);
        await using var azurite = values.TryGetValue("connection-string", out var given) ? null : await LocalAzurite.StartAsync();
        var options = new ReplayOptions
        {
            Customers = Int(values, "customers", 1_000),
            BusinessDays = Int(values, "days", 60),
            Seed = Int(values, "seed", 1),
            CrashRate = values.TryGetValue("crash-rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : 0.25,
            Shards = Int(values, "shards", 8),
            PolicyPath = Path.Combine(LocalAzurite.FindRepositoryRoot(), "config", "policy.sample.json"),
            ConnectionString = given ?? azurite!.ConnectionString,
            Progress = values.ContainsKey("verbose") ? Console.WriteLine : null,
        };
        Console.WriteLine($"fault-replay: {options.Customers:N0} customers, {options.BusinessDays} business days, seed {options.Seed}, crash rate {options.CrashRate:0.00} per handler call");
        var clock = Stopwatch.StartNew();
        var report = await OnceOnlyReplay.RunAsync(options, CancellationToken.None);
        Console.WriteLine(report.Format());
        Console.WriteLine($"fault-replay: {(report.Holds ? "once-only held" : "ONCE-ONLY BROKEN")} in {clock.Elapsed.TotalMinutes:0.0} min");
        return report.Holds ? 0 : 1;
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return values;
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
