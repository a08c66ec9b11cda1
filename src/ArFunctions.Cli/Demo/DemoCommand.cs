using System.CommandLine;
using ArFunctions.Application.Kpis;
using ArFunctions.Application.Worklists;
using ArFunctions.Domain.Policies;
using ArFunctions.Email;
using ArFunctions.Local;
using ArFunctions.Samples;
using ArFunctions.Samples.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Spectre.Console;

namespace ArFunctions.Cli.Demo;

/// <summary>
/// <c>arfn demo</c> (alias <c>daily-run</c>): the deployment's whole day, in-process, over the sample portfolio on Azurite
/// (started from node_modules unless storage is given): the daily run, emails to .eml files, collector tasks, and
/// payments arriving through the signed webhook path; then KPIs per segment and the Top-N worklist with reasons.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "Days to run.", DefaultValueFactory = _ => 30 };
        var customers = new Option<int>("--customers") { Description = "Customers in the sample portfolio.", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "Seed of the portfolio and the payers.", DefaultValueFactory = _ => 42 };
        var start = new Option<DateOnly?>("--start") { Description = "First day (yyyy-MM-dd); default 2026-11-02." };
        var top = new Option<int>("--top") { Description = "Worklist items to show.", DefaultValueFactory = _ => 10 };
        var outbox = new Option<string>("--outbox") { Description = "Folder for the .eml files.", DefaultValueFactory = _ => Path.Combine("artifacts", "demo-outbox") };
        var storage = new StorageArgs(tablePrefix: "ardemo", queuePrefix: "ardemo-", shards: 16, readsSettings: false);
        var command = new Command("demo", "Run the daily pipeline with emails, tasks and payment webhooks over the sample portfolio, day by day.")
        {
            days, customers, seed, start, top, outbox,
        };
        command.Aliases.Add("daily-run");
        storage.AddTo(command);
        command.SetAction((parse, token) => RunAsync(
            new DemoOptions(parse.GetValue(days), parse.GetValue(customers), parse.GetValue(seed), parse.GetValue(start) ?? new DateOnly(2026, 11, 2),
                parse.GetValue(top), Path.GetFullPath(parse.GetValue(outbox)!)),
            storage, parse, token));
        return command;
    }

    private static async Task<int> RunAsync(DemoOptions options, StorageArgs storage, ParseResult parse, CancellationToken cancellationToken)
    {
        if (options.Days is < 1 or > 366 || options.Customers is < 1 or > 100_000 || options.Top is < 0 or > WorklistQuery.MaxTop)
        {
            AnsiConsole.MarkupLine($"[red]--days must be 1..366, --customers 1..100000 and --top 0..{WorklistQuery.MaxTop}.[/]");
            return 2;
        }

        var sample = PolicyFiles.ReadOrReport(PolicyFiles.Sample());
        if (sample is null)
        {
            return 1;
        }

        var connectionString = storage.ConnectionStringOf(parse);
        await using var azurite = connectionString is null ? await LocalAzurite.StartAsync() : null;
        AnsiConsole.MarkupLineInterpolated($"Storage: {(azurite is null ? "the given connection string, tables prefixed " + parse.GetValue(storage.TablePrefix) : $"Azurite (pid {azurite.ProcessId}), in memory")}");
        var clock = new DemoClock(new DateTimeOffset(options.Start.ToDateTime(new TimeOnly(5, 0)), TimeSpan.Zero), TimeZoneInfo.Utc);
        await using var pipeline = await LocalPipeline.StartAsync(
            connectionString ?? azurite!.ConnectionString, parse.GetValue(storage.Shards), "", parse.GetValue(storage.TablePrefix)!,
            services => services.AddArFunctionsEmail().Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            parse.GetValue(storage.QueuePrefix)!, Settings(options.Outbox));

        // The demo runs on the sample policy, saved as any policy is (the CLI seeds nothing silently).
        AnsiConsole.MarkupLine("The demo runs on the sample policy:");
        if (!await PolicyInForce.SaveAsync(pipeline, sample, "arfn demo: the sample policy", cancellationToken))
        {
            return 1;
        }

        var policy = sample.Policy;

        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions
        {
            Customers = options.Customers,
            Seed = options.Seed,
            AsOf = options.Start,
            Collectors = policy.Worklist.Collectors.Select(c => c.Id).ToArray(),
            DisputeCategories = policy.DisputeCategories.Select(d => d.Id).ToArray(),
        });
        await pipeline.SeedAsync(portfolio.Customers, portfolio.Invoices, portfolio.Payments, portfolio.Interactions, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Seeded {options.Customers} customers and {portfolio.Invoices.Length} invoices ({portfolio.OpenInvoiceCount} open); policy {policy.Version}.");

        var runner = new DemoRunner(pipeline, clock, new SimulatedPayers(portfolio, options.Seed));
        var days = await Work.ForEachDayAsync("Running days", options.Start, options.Days, day => runner.RunDayAsync(day, cancellationToken));
        await WriteReportAsync(pipeline, policy, options, days, cancellationToken);
        return 0;
    }

    private static async Task WriteReportAsync(LocalPipeline pipeline, CollectionPolicy policy, DemoOptions options, IReadOnlyList<DemoDay> days, CancellationToken cancellationToken)
    {
        Tables.WriteDays(days);
        var last = days[^1].Date;
        var kpis = await pipeline.Get<KpiQuery>().GetAsync(last, last, null, cancellationToken);
        if (kpis.Value is { Days.Count: > 0 } range)
        {
            Tables.WriteKpis(range.Days[0], policy.Currency.BaseCurrency.Value, $"the {KpiPeriod(pipeline)} days to {last:yyyy-MM-dd}");
        }

        if (options.Top > 0)
        {
            var worklist = await pipeline.Get<WorklistQuery>().TopAsync(options.Top, cancellationToken);
            Tables.WriteWorklist(worklist.Worklist);
        }

        var emails = Directory.Exists(options.Outbox) ? Directory.EnumerateFiles(options.Outbox, "*.eml").Count() : 0;
        AnsiConsole.MarkupLineInterpolated(
            $"Emails: {days.Sum(d => d.EmailsSent)} sent; the folder {options.Outbox} holds {emails} .eml files (open one in any mail client).");
        AnsiConsole.MarkupLineInterpolated(
            $"Payments: {days.Sum(d => d.PaymentEvents)} signed webhook events received from source '{PaymentWebhooks.Source}', {days.Sum(d => d.PaymentsApplied)} applied.");
    }

    private static int KpiPeriod(LocalPipeline pipeline) =>
        pipeline.Get<Microsoft.Extensions.Options.IOptions<Application.DailyRuns.DailyRunOptions>>().Value.KpiPeriodDays;

    private static Dictionary<string, string?> Settings(string outbox) => new()
    {
        ["ArFunctions:DailyRun:BusinessTimeZone"] = "UTC",
        ["ArFunctions:Email:Mode"] = "Pickup",
        ["ArFunctions:Email:PickupFolder"] = outbox,
        ["ArFunctions:Email:SenderAddress"] = "DoNotReply@ar.example.com",
        ["ArFunctions:Email:SenderName"] = "Accounts Receivable (demo)",
        ["ArFunctions:Email:CompanyName"] = "Demo Supplies Ltd",
        ["ArFunctions:Email:ArMailbox"] = "ar@ar.example.com",
        ["ArFunctions:Email:RemitTo"] = "Demo Supplies Ltd|PO Box 100|Springfield, IL 62701",
        ["ArFunctions:Email:PaymentInstructions"] = "Bank transfer to account 123456789 (routing 021000021); quote the invoice number.",
        ["ArFunctions:Email:SendsPerMinute"] = "10000",
        // The local key of local.settings.sample.json: the demo's .eml links open the page of an app run with those settings.
        ["ArFunctions:Portal:BaseUrl"] = "http://localhost:7071",
        ["ArFunctions:Portal:Keys:0:Id"] = "local",
        ["ArFunctions:Portal:Keys:0:Secret"] = "UI3jZE3SczPkPAiHVWDq1EEYv/Z+zryZmYO8JKopAao=",
        ["ArFunctions:Webhooks:Secrets:" + PaymentWebhooks.Source] = PaymentWebhooks.DemoSecret,
    };

    private sealed record DemoOptions(int Days, int Customers, int Seed, DateOnly Start, int Top, string Outbox);
}
