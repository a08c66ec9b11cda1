using System.Globalization;
using ArFunctions.Local;
using ArFunctions.Samples;
using ArFunctions.Samples.Simulation;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Benchmarks.DecisionLog;

/// <summary>
/// <c>decision-log [--customers N] [--days N] [--shards N] [--connection-string CS]</c>: how fast the decision log grows.
/// Seeds a generated portfolio into Azurite, runs the daily run day after day with the customers paying as the demo's
/// payers do, and after each day reads the Decisions table: rows and stored bytes (keys and properties as Table Storage
/// bills them, roughly), per customer and day. Prints day 1 (every customer's first segment assignment) apart from the
/// steady days after it.
/// </summary>
public static class DecisionLogGrowthCommand
{
    private static readonly DateOnly Start = new(2026, 11, 2);

    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = new CommandArgs(args);
        var (customers, days, shards) = (arguments.Int("--customers", 2_000), arguments.Int("--days", 30), arguments.Int("--shards", 8));
        var given = arguments.Text("--connection-string");
        await using var azurite = given is null ? await LocalAzurite.StartAsync() : null;
        var connectionString = given ?? azurite!.ConnectionString;
        var prefix = "dlog" + Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"decision-log: {customers:N0} customers, {days} days from {Start:yyyy-MM-dd}, {shards} shards");

        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = customers, AsOf = Start, Seed = 2026 });
        await using var pipeline = await LocalPipeline.StartAsync(
            connectionString, shards, Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"), prefix);
        await pipeline.SeedAsync(portfolio.Customers, portfolio.Invoices, portfolio.Payments, portfolio.Interactions, CancellationToken.None);
        var payers = new SimulatedPayers(portfolio, 2026);
        var table = new TableServiceClient(connectionString).GetTableClient(prefix + StorageTables.Decisions);

        var (rowsBefore, bytesBefore) = (0L, 0L);
        var (steadyRows, steadyBytes) = (0L, 0L);
        for (var day = 0; day < days; day++)
        {
            var asOf = Start.AddDays(day);
            await pipeline.RunDayAsync(asOf, 4, CancellationToken.None);
            await pipeline.RecordPaidInFullAsync(payers.PayOn(asOf).SelectMany(p => p.Invoices), asOf, CancellationToken.None);
            var (rows, bytes) = await SizeAsync(table);
            var (dayRows, dayBytes) = (rows - rowsBefore, bytes - bytesBefore);
            (rowsBefore, bytesBefore) = (rows, bytes);
            if (day > 0)
            {
                (steadyRows, steadyBytes) = (steadyRows + dayRows, steadyBytes + dayBytes);
            }

            if (day == 0 || day == days - 1 || (day + 1) % 10 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{asOf:yyyy-MM-dd}: +{dayRows:N0} rows, +{dayBytes / 1024.0:N1} KiB ({(double)dayRows / customers:0.000} rows and {(double)dayBytes / customers:0.0} bytes per customer); total {rows:N0} rows, {bytes / 1024.0 / 1024.0:0.00} MiB"));
            }
        }

        var steadyDays = Math.Max(1, days - 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"steady days (2..{days}): {(double)steadyRows / customers / steadyDays:0.000} rows and {(double)steadyBytes / customers / steadyDays:0.0} bytes per customer per day; {(steadyRows == 0 ? 0 : (double)steadyBytes / steadyRows):0} bytes per row"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"projected: {(double)steadyBytes / customers / steadyDays * 365 / 1024:0.0} KiB per customer per year"));
        return 0;
    }

    /// <summary>Rows and an estimate of the bytes stored: keys, property names and values (binary as is, strings as UTF-16).</summary>
    private static async Task<(long Rows, long Bytes)> SizeAsync(TableClient table)
    {
        var (rows, bytes) = (0L, 0L);
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            rows++;
            bytes += 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
            foreach (var (name, value) in entity)
            {
                if (name is "odata.etag" or "Timestamp" or "PartitionKey" or "RowKey")
                {
                    continue;
                }

                bytes += 8 + (name.Length * 2) + value switch
                {
                    byte[] binary => binary.Length + 4,
                    string text => (text.Length * 2) + 4,
                    _ => 8,
                };
            }
        }

        return (rows, bytes);
    }
}
