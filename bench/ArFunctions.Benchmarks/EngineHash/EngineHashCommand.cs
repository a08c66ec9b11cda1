using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArFunctions.Domain.Decisions;
using ArFunctions.Samples;
using ArFunctions.Samples.Simulation;

namespace ArFunctions.Benchmarks.EngineHash;

/// <summary>
/// <c>engine-hash [--customers N] [--days N]</c>: the engine's whole output over consecutive days, hashed, so that a
/// change meant to make the engine faster can show it changed nothing. A generated portfolio (seed 2026, 10 open and
/// 4 paid invoices per customer on average, as the benchmark's) is simulated day after day from 2026-11-23 with the
/// demo's payers (<see cref="PortfolioSimulation"/>: payments, new invoices, disputes resolving, promises kept or
/// broken, yesterday's ledger and segment states fed back); every day's features, segment assignments, plans (ledger
/// writes, actions, notes), decision-log records and worklists are serialised as JSON and hashed with SHA-256.
/// Prints one hash per day and the hash of all days. Defaults: 20,000 customers, 12 days.
/// </summary>
public static class EngineHashCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static int Run(string[] args)
    {
        var arguments = new CommandArgs(args);
        var (customers, days) = (arguments.Int("--customers", 20_000), arguments.Int("--days", 12));
        var options = BenchmarkPortfolio.Options(customers, 10.0);
        var policy = BenchmarkPortfolio.LoadSamplePolicy();
        var simulation = new PortfolioSimulation(PortfolioGenerator.Generate(options), policy, BenchmarkPortfolio.Seed);
        Console.WriteLine($"engine-hash: {customers:N0} customers, {days} days from {options.AsOf:yyyy-MM-dd}, seed {BenchmarkPortfolio.Seed}");

        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var engine = TimeSpan.Zero;
        for (var d = 0; d < days; d++)
        {
            var asOf = options.AsOf.AddDays(d);
            var started = Stopwatch.GetTimestamp();
            simulation.RunDay(asOf);
            engine += Stopwatch.GetElapsedTime(started);
            var day = simulation.LastDay!;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            void Add<T>(T value)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Json);
                hash.AppendData(bytes);
                hash.AppendData("\n"u8);
            }

            for (var i = 0; i < day.Decisions.Length; i++)
            {
                Add(day.Features[i]);
                Add(day.Decisions[i].Segment);
                Add(day.Decisions[i].Plan);
                Add(DayDecision.Of(day.Features[i].CustomerId, asOf, day.Decisions[i]));
            }

            Add(day.Worklist);
            var dayHash = hash.GetHashAndReset();
            all.AppendData(dayHash);
            Console.WriteLine($"{asOf:yyyy-MM-dd}  {Convert.ToHexStringLower(dayHash)}");
        }

        Console.WriteLine($"all {days} days: {Convert.ToHexStringLower(all.GetHashAndReset())}");
        Console.WriteLine($"(simulated days, engine included: {engine.TotalSeconds:F1} s)");
        return 0;
    }
}
