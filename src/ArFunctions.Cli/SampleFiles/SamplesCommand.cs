using System.CommandLine;
using ArFunctions.Samples;
using Spectre.Console;

namespace ArFunctions.Cli.SampleFiles;

/// <summary><c>arfn samples write --out samples/</c>: the generated sample portfolio as customers.csv, invoices.csv and payments.csv for <c>arfn import</c>.</summary>
internal static class SamplesCommand
{
    /// <summary>The as-of date of the committed samples: every date in them is on or before it.</summary>
    public static readonly DateOnly DefaultAsOf = new(2026, 11, 1);

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the three files to.", DefaultValueFactory = _ => new DirectoryInfo("samples") };
        var customers = new Option<int>("--customers") { Description = "Customers to generate.", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator.", DefaultValueFactory = _ => 42 };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The portfolio's date (yyyy-MM-dd); default 2026-11-01." };
        var write = new Command("write", "Write a generated sample portfolio as CSV files that arfn import accepts.") { output, customers, seed, asOf };
        write.SetAction(parse => Write(parse.GetValue(output)!, parse.GetValue(customers), parse.GetValue(seed), parse.GetValue(asOf) ?? DefaultAsOf));
        return new Command("samples", "Sample data.") { write };
    }

    public static Portfolio Generate(int customers, int seed, DateOnly asOf)
    {
        var policy = PolicyFiles.LoadOrReport(PolicyFiles.Sample()) ?? throw new InvalidOperationException("The sample policy does not load.");
        return PortfolioGenerator.Generate(new PortfolioOptions
        {
            Customers = customers,
            Seed = seed,
            AsOf = asOf,
            Collectors = policy.Worklist.Collectors.Select(c => c.Id).ToArray(),
            DisputeCategories = policy.DisputeCategories.Select(d => d.Id).ToArray(),
        });
    }

    private static int Write(DirectoryInfo folder, int customers, int seed, DateOnly asOf)
    {
        if (customers is < 1 or > 100_000)
        {
            AnsiConsole.MarkupLine("[red]--customers must be 1..100000.[/]");
            return 2;
        }

        var portfolio = Generate(customers, seed, asOf);
        SampleCsvWriter.Write(portfolio, folder.FullName);
        AnsiConsole.MarkupLineInterpolated(
            $"Wrote {portfolio.Customers.Length} customers, {portfolio.Invoices.Length} invoices and {portfolio.Payments.Length} payments (as of {asOf:yyyy-MM-dd}, seed {seed}) to {folder.FullName}");
        return 0;
    }
}
