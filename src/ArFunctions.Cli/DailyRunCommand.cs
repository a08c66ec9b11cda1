using System.CommandLine;
using System.Globalization;
using ArFunctions.Domain.Invoices;
using ArFunctions.Samples;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Local;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>ar daily-run</c>: the real daily pipeline (Table and Queue Storage, shards, ledger, finaliser) on Azurite started
/// from the repository's node_modules, or on the storage a connection string names, with the sample portfolio seeded
/// and customers paying day by day as their payer profile says.
/// </summary>
internal static class DailyRunCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Days to run.", DefaultValueFactory = _ => 30 };
        var customers = new Option<int>("--customers") { Description = "Customers in the sample portfolio.", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the portfolio and the payers.", DefaultValueFactory = _ => 42 };
        var connection = new Option<string?>("--connection-string") { Description = "Storage to use instead of starting Azurite." };
        var top = new Option<int>("--top") { Description = "Worklist items to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("daily-run", "Run the daily pipeline on Azurite over the sample portfolio, day by day.") { days, customers, seed, connection, top };
        command.SetAction((parse, token) => RunAsync(parse.GetValue(days), parse.GetValue(customers), parse.GetValue(seed), parse.GetValue(connection), parse.GetValue(top), token));
        return command;
    }

    private static async Task<int> RunAsync(int days, int customers, int seed, string? connectionString, int top, CancellationToken cancellationToken)
    {
        if (days is < 1 or > 366 || customers is < 1 or > 100_000 || top < 0)
        {
            AnsiConsole.MarkupLine("[red]--days must be 1..366, --customers 1..100000 and --top at least 0.[/]");
            return 2;
        }

        var policyFile = PolicyFiles.Sample();
        var policy = PolicyFiles.LoadOrReport(policyFile);
        if (policy is null)
        {
            return 1;
        }

        var start = new DateOnly(2026, 11, 2);
        await using var azurite = connectionString is null ? await LocalAzurite.StartAsync() : null;
        AnsiConsole.MarkupLineInterpolated($"Storage: {(azurite is null ? "the given connection string" : $"Azurite (pid {azurite.ProcessId}), in memory")}");
        await using var pipeline = await LocalPipeline.StartAsync(connectionString ?? azurite!.ConnectionString, 16, policyFile.FullName, "ar" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture));
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions
        {
            Customers = customers,
            Seed = seed,
            AsOf = start,
            Collectors = policy.Worklist.Collectors.Select(c => c.Id).ToArray(),
            DisputeCategories = policy.DisputeCategories.Select(d => d.Id).ToArray(),
        });
        await pipeline.SeedAsync(portfolio.Customers, portfolio.Invoices, portfolio.Payments, portfolio.Interactions, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Seeded {customers} customers and {portfolio.Invoices.Length} invoices ({portfolio.OpenInvoiceCount} open); policy {policy.Version}.");

        var payers = new SimulatedPayers(portfolio, seed);
        var table = new Table().Title("Daily runs").AddColumns("date", "paid", "customers", "open invoices", "steps", "skipped", "emails", "calls", "letters", "internal", "moves", "seconds");
        for (var day = start; day < start.AddDays(days); day = day.AddDays(1))
        {
            var paid = payers.PaymentsDue(day);
            await pipeline.RecordPaidInFullAsync(paid, day, cancellationToken);
            var counts = (await pipeline.RunDayAsync(day, 4, cancellationToken)).Counts!;
            table.AddRow(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Tables.N(paid.Count), Tables.N(counts.Customers), Tables.N(counts.OpenInvoices),
                Tables.N(counts.StepsFired), Tables.N(counts.StepsSkipped), Tables.N(counts.Emails), Tables.N(counts.Calls), Tables.N(counts.Letters),
                Tables.N(counts.InternalTasks), Tables.N(counts.SegmentMoves), counts.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        var last = start.AddDays(days - 1);
        var results = pipeline.Get<TableRunResultStore>();
        var kpis = await results.GetKpisAsync(last, cancellationToken);
        var bySegment = kpis.Where(k => k.Key != TableRunResultStore.OverallKey).OrderBy(k => k.Key, StringComparer.Ordinal)
            .Append(new("overall", kpis[TableRunResultStore.OverallKey]));
        Tables.WriteKpis(bySegment, policy.Currency.BaseCurrency.Value, $"the 90 days to {last:yyyy-MM-dd}");
        WriteWorklist(await results.GetWorklistAsync(null, top, cancellationToken));
        return 0;
    }

    private static void WriteWorklist(IReadOnlyList<StoredWorklistItem> items)
    {
        var table = new Table().Title($"Top {items.Count} of the worklist").AddColumns("rank", "customer", "segment", "collector", "score", "overdue", "why");
        foreach (var item in items)
        {
            table.AddRow(Tables.N(item.Rank), Markup.Escape(item.CustomerId), Markup.Escape(item.Segment ?? "-"), Markup.Escape(item.Collector ?? "-"),
                item.Score.ToString("0.000", CultureInfo.InvariantCulture), Tables.Money(item.OverdueBalance), Markup.Escape(string.Join("; ", item.Reasons)));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Each open invoice is paid once its due date plus the payer's usual lateness has passed, a third of such days.</summary>
    private sealed class SimulatedPayers(Portfolio portfolio, int seed)
    {
        private readonly Random _random = new(seed);
        private readonly HashSet<Domain.Common.InvoiceId> _paid = [];

        public List<Invoice> PaymentsDue(DateOnly day)
        {
            var due = new List<Invoice>();
            for (var c = 0; c < portfolio.Customers.Length; c++)
            {
                var lateness = (int)Math.Round(portfolio.Profiles[c].MeanDaysLate);
                foreach (var invoice in portfolio.InvoicesOf(c))
                {
                    if (invoice.IsCollectible && invoice.Dispute is null && !_paid.Contains(invoice.Id)
                        && day >= invoice.DueDate.AddDays(lateness) && _random.NextDouble() < 0.33)
                    {
                        _paid.Add(invoice.Id);
                        due.Add(invoice);
                    }
                }
            }

            return due;
        }
    }
}
