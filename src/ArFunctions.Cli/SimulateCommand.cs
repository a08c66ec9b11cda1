using System.CommandLine;
using System.Globalization;
using ArFunctions.Samples;
using ArFunctions.Samples.Simulation;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>arfn simulate</c>: the engine over a generated sample portfolio for N days, in memory: a per-day summary,
/// KPIs per segment and the Top-N worklist with reasons.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Days to simulate.", DefaultValueFactory = _ => 30 };
        var customers = new Option<int>("--customers") { Description = "Customers in the sample portfolio.", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the portfolio and of the simulated payers.", DefaultValueFactory = _ => 42 };
        var start = new Option<DateOnly?>("--start") { Description = "First simulated day (yyyy-MM-dd); default 2026-11-02." };
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy file; default the sample policy." };
        var top = new Option<int>("--top") { Description = "Worklist items to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("simulate", "Run the collections engine in memory over a generated sample portfolio.")
        {
            days, customers, seed, start, policy, top,
        };
        command.SetAction(parse => Run(
            parse.GetValue(days), parse.GetValue(customers), parse.GetValue(seed),
            parse.GetValue(start) ?? new DateOnly(2026, 11, 2), parse.GetValue(policy), parse.GetValue(top)));
        return command;
    }

    private static int Run(int days, int customers, int seed, DateOnly start, FileInfo? policyFile, int top)
    {
        if (days is < 1 or > 3650 || customers is < 1 or > 1_000_000 || top < 0)
        {
            AnsiConsole.MarkupLine("[red]--days must be 1..3650, --customers 1..1000000 and --top at least 0.[/]");
            return 2;
        }

        var policy = PolicyFiles.LoadOrReport(policyFile);
        if (policy is null)
        {
            return 1;
        }

        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions
        {
            Customers = customers,
            Seed = seed,
            AsOf = start,
            Collectors = policy.Worklist.Collectors.Select(c => c.Id).ToArray(),
            DisputeCategories = policy.DisputeCategories.Select(d => d.Id).ToArray(),
        });
        if (MissingRates(portfolio, policy.Currency) is { Length: > 0 } missing)
        {
            var file = (policyFile ?? PolicyFiles.Sample()).FullName;
            AnsiConsole.MarkupLineInterpolated(
                $"[red]{file}: no exchange rate to {policy.Currency.BaseCurrency.Value} for {string.Join(", ", missing)}[/], which the sample portfolio's invoices use.");
            AnsiConsole.MarkupLineInterpolated(
                $"Add them to currency.rates (units of {policy.Currency.BaseCurrency.Value} per unit of each), e.g. \"rates\": {{ {string.Join(", ", missing.Select(c => $"\"{c}\": ..."))} }}. Nothing was simulated.");
            return 1;
        }

        AnsiConsole.MarkupLineInterpolated(
            $"Sample portfolio: {customers} customers, {portfolio.OpenInvoiceCount} open invoices, seed {seed}; policy {policy.Version}.");

        var simulation = new PortfolioSimulation(portfolio, policy, seed);
        var table = new Table().Title("Days").AddColumns("date", "paid", "received", "emails", "calls", "letters", "escalations", "agency", "skipped", "moves", "open balance");
        for (var day = 0; day < days; day++)
        {
            var d = simulation.RunDay(start.AddDays(day));
            table.AddRow(d.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Tables.N(d.PaymentsReceived), Tables.Money(d.AmountReceived), Tables.N(d.Emails), Tables.N(d.Calls),
                Tables.N(d.Letters), Tables.N(d.Escalations), Tables.N(d.AgencyHandOffs), Tables.N(d.StepsSkipped), Tables.N(d.SegmentMoves), Tables.Money(d.OpenBalance));
        }

        AnsiConsole.Write(table);
        var kpis = simulation.Kpis(start.AddDays(-1), start.AddDays(days - 1));
        Tables.WriteKpis(kpis.BySegment.Append(new("overall", kpis.Overall)), policy.Currency.BaseCurrency.Value, "the simulated period");
        WriteWorklist(simulation, top);
        return 0;
    }

    /// <summary>The currencies of the portfolio's invoices and payments the policy has no rate for, in order.</summary>
    private static string[] MissingRates(Portfolio portfolio, Domain.Policies.CurrencySettings currency) =>
    [
        .. portfolio.Invoices.Select(i => i.Currency).Concat(portfolio.Payments.Select(p => p.Currency))
            .Where(c => !currency.CanConvert(c)).Select(c => c.Value).Distinct().Order(StringComparer.Ordinal),
    ];

    private static void WriteWorklist(PortfolioSimulation simulation, int top)
    {
        var worklist = simulation.LastDay!.Worklist;
        var table = new Table().Title($"Top {Math.Min(top, worklist.Top.Count)} of the worklist ({worklist.Top.Count} slots, {worklist.EligibleCount} eligible)")
            .AddColumns("rank", "customer", "segment", "collector", "score", "overdue", "why");
        foreach (var item in worklist.Top.Take(top))
        {
            table.AddRow(Tables.N(item.Rank), item.CustomerId.Value, Markup.Escape(simulation.SegmentOf(item.CustomerId)), Markup.Escape(item.Collector ?? "-"),
                item.Score.ToString("0.000", CultureInfo.InvariantCulture), Tables.Money(item.OverdueBalance),
                Markup.Escape(string.Join("; ", item.Reasons.Select(r => r.Text))));
        }

        AnsiConsole.Write(table);
    }
}
