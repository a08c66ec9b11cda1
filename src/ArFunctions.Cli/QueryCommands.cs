using System.CommandLine;
using System.Globalization;
using ArFunctions.Application.Access;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Kpis;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Runs;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Worklists;
using ArFunctions.Cli.Actions;
using ArFunctions.Domain.Kpis;
using ArFunctions.Email;
using ArFunctions.Local;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>arfn run</c>, <c>arfn worklist</c> and <c>arfn kpis</c>: the function app's manual run, worklist and KPI use cases
/// against existing storage (see <see cref="StorageArgs"/>).
/// </summary>
internal static class QueryCommands
{
    private const string KpiPeriodSetting = DailyRunOptions.Section + ":KpiPeriodDays";

    /// <summary>Where Pickup mode writes when no setting names a folder: local.settings.sample.json's folder.</summary>
    private static readonly string DefaultOutbox = Path.Combine("artifacts", "outbox");

    public static Command CreateRun()
    {
        var asOf = new Option<DateOnly>("--as-of") { Description = "The run's business date (yyyy-MM-dd).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the run would do; write nothing." };
        var process = new Option<bool>("--process")
        {
            Description = "Carry the run out here, as the function app would: process the queued shards, send the day's emails "
                + "(ArFunctions:Email:Mode Pickup writes .eml files to ArFunctions:Email:PickupFolder, default artifacts/outbox; Acs sends) and create the collectors' tasks.",
        };
        var policy = PolicyInForce.CreateOption();
        var kpiPeriod = new Option<int?>("--kpi-period-days") { Description = $"Days of the trailing KPI period ({KpiPeriodSetting}, 7..366; default 90)." };
        var storage = new StorageArgs();
        var command = new Command("run", "Start the daily run of a date by hand (ManualRun), or dry-run it; --process carries it out here, emails and tasks included.")
        {
            asOf, dryRun, process, policy, kpiPeriod,
        };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var request = new RunRequest(parse.GetValue(asOf), parse.GetValue(dryRun), parse.GetValue(process), parse.GetValue(policy), parse.GetValue(kpiPeriod));
            return await RunAsync(request, storage, parse, token);
        });
        return command;
    }

    public static Command CreateWorklist()
    {
        var collector = new Option<string?>("--collector") { Description = "A collector's list instead of the portfolio-wide Top-N." };
        var top = new Option<int?>("--top") { Description = $"Items to show (1..{WorklistQuery.MaxTop}); default the capacity." };
        var storage = new StorageArgs();
        var command = new Command("worklist", "Show the ranked worklist of the last completed run, with the reasons for each rank.") { collector, top };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            return pipeline is null || !await PolicyInForce.RequireAsync(pipeline, PolicyInForce.ImportExample, token)
                ? 2
                : await WorklistAsync(pipeline, parse.GetValue(collector), parse.GetValue(top), token);
        });
        return command;
    }

    public static Command CreateKpis()
    {
        var from = new Option<DateOnly?>("--from") { Description = "First day (yyyy-MM-dd); default 29 days before --to." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day (yyyy-MM-dd); default today." };
        var segment = new Option<string?>("--segment") { Description = "One segment instead of all." };
        var storage = new StorageArgs();
        var command = new Command("kpis", "Show the stored KPI snapshots (DSO, CEI, aging) per day and segment.") { from, to, segment };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            return pipeline is null || !await PolicyInForce.RequireAsync(pipeline, PolicyInForce.ImportExample, token)
                ? 2
                : await KpisAsync(pipeline, parse.GetValue(from), parse.GetValue(to), parse.GetValue(segment), token);
        });
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, StorageArgs storage, ParseResult parse, CancellationToken cancellationToken)
    {
        if (Refusal(request) is { } refusal)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{refusal}[/]");
            return 2;
        }

        var policy = request.PolicyFile is null ? null : PolicyFiles.ReadOrReport(request.PolicyFile);
        if (request.PolicyFile is not null && policy is null)
        {
            AnsiConsole.MarkupLine("Nothing was written.");
            return 1;
        }

        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (request.KpiPeriodDays is { } days)
        {
            options[KpiPeriodSetting] = days.ToString(CultureInfo.InvariantCulture);
        }

        var sends = request.Process && !request.DryRun;
        await using var pipeline = await storage.OpenAsync(parse, options, sends ? AddEmail : null);
        if (pipeline is null)
        {
            return 2;
        }

        var ready = policy is null
            ? await PolicyInForce.RequireAsync(pipeline, $"arfn run --as-of {Tables.Date(request.AsOf)} --policy my-policy.json", cancellationToken)
            : await PolicyInForce.SaveAsync(pipeline, policy, $"arfn run --as-of {Tables.Date(request.AsOf)} --policy {policy.File.Name}", cancellationToken);
        if (!ready)
        {
            return policy is null ? 2 : 1;
        }

        var file = CliSettings.Find(parse.GetValue(storage.SettingsFile));
        AnsiConsole.MarkupLineInterpolated(
            $"Settings: {(file is null ? "no local.settings.json" : file.FullName)}, then the environment, then the options; KPI period {pipeline.Get<IOptions<DailyRunOptions>>().Value.KpiPeriodDays} days.");
        return await RunAsync(pipeline, request, cancellationToken);
    }

    private static string? Refusal(RunRequest request) => request switch
    {
        { KpiPeriodDays: < 7 or > 366 } => $"--kpi-period-days must be 7..366 (was {request.KpiPeriodDays}).",
        { DryRun: true, PolicyFile: not null } => "--dry-run writes nothing, so it cannot save --policy: pass one of them.",
        _ => null,
    };

    private static void AddEmail(IServiceCollection services)
    {
        services.AddArFunctionsEmail();
        services.PostConfigure<EmailOptions>(o => o.PickupFolder = string.IsNullOrWhiteSpace(o.PickupFolder) ? DefaultOutbox : o.PickupFolder);
    }

    private static async Task<int> RunAsync(LocalPipeline pipeline, RunRequest request, CancellationToken cancellationToken)
    {
        var (asOf, dryRun, process) = (request.AsOf, request.DryRun, request.Process);
        var result = await Work.StatusAsync(dryRun ? "Dry run" : "Starting the run", () => pipeline.Get<ManualRun>().StartAsync(asOf, dryRun, Caller.Local(Environment.UserName), cancellationToken));
        if (Report(result) is not { } run)
        {
            return 1;
        }

        if (run.DryRun is { } report)
        {
            AnsiConsole.MarkupLineInterpolated($"Dry run of {Tables.Date(report.AsOf)} with policy {report.PolicyVersion}: nothing was written.");
            WriteCounts(report.Counts);
            var byKind = report.Actions.GroupBy(a => a.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
            AnsiConsole.MarkupLineInterpolated($"Actions{(report.Truncated ? " (list truncated)" : "")}: {string.Join(", ", byKind.Select(g => $"{g.Count()} {g.Key}"))}");
            WriteProblems(report.DataProblems, report.Counts.CustomersSkipped);
            return 0;
        }

        AnsiConsole.MarkupLineInterpolated($"Run of {Tables.Date(asOf)}: {run.Run!.Status}, {run.ShardsQueued.Count} shard(s) queued.");
        if (run.ShardsQueued.Count > 0 && !process)
        {
            AnsiConsole.MarkupLine("The function app's ProcessShard function picks them up; pass --process to process them here.");
            return 0;
        }

        ActionTally? actions = null;
        if (process)
        {
            var shard = pipeline.Get<ProcessShard>();
            var handled = await Work.StatusAsync("Processing shards", () => pipeline.DrainAsync<ProcessShardMessage>(QueueNames.Shards, (m, t) => shard.ProcessAsync(m, t), 4, cancellationToken));
            AnsiConsole.MarkupLineInterpolated($"Processed {handled} shard message(s).");
            actions = await Work.StatusAsync("Sending emails and creating tasks", () => ActionDrain.RunAsync(pipeline, cancellationToken));
        }

        var view = (await pipeline.Get<RunQuery>().GetAsync(asOf, cancellationToken)).Value;
        if (view?.Counts is { } counts)
        {
            WriteCounts(counts);
        }

        if (view is not null)
        {
            WriteProblems(view.DataProblems, view.Counts?.CustomersSkipped ?? view.DataProblems.Select(p => p.CustomerId).Distinct(StringComparer.Ordinal).Count());
        }

        if (actions is not null)
        {
            WriteActions(actions, pipeline.Get<IOptions<EmailOptions>>().Value);
        }

        return 0;
    }

    /// <summary>What the queued actions came to: emails sent (and where), tasks created, and the rest by reason.</summary>
    private static void WriteActions(ActionTally actions, EmailOptions email)
    {
        var where = email.Mode == EmailMode.Pickup ? $"to .eml files in {Path.GetFullPath(email.PickupFolder!)}" : "through Azure Communication Services";
        AnsiConsole.MarkupLineInterpolated($"Emails: {actions.EmailsSent} sent {where}{Others(actions.OtherEmails)}.");
        AnsiConsole.MarkupLineInterpolated($"Tasks: {actions.TasksCreated} created or merged into the customer's open task{Others(actions.Tasks.Where(t => t.Key is not (nameof(CreateTaskOutcome.Created) or nameof(CreateTaskOutcome.Merged))))}.");
    }

    private static string Others(IEnumerable<KeyValuePair<string, int>> outcomes) =>
        string.Concat(outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"; {o.Value} {o.Key}"));

    private static async Task<int> WorklistAsync(LocalPipeline pipeline, string? collector, int? top, CancellationToken cancellationToken)
    {
        var query = pipeline.Get<WorklistQuery>();
        var result = collector is null ? await query.TopAsync(top, cancellationToken) : await query.ForCollectorAsync(collector, top, cancellationToken);
        foreach (var error in result.Errors ?? [])
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{error.Field}:[/] {error.Reason}");
        }

        if (result.KnownCollectors is { } known)
        {
            AnsiConsole.MarkupLineInterpolated($"Known collectors: {string.Join(", ", known)}");
        }

        if (result.Status != WorklistQueryStatus.Found)
        {
            return 1;
        }

        Tables.WriteWorklist(result.Worklist);
        return 0;
    }

    private static async Task<int> KpisAsync(LocalPipeline pipeline, DateOnly? from, DateOnly? to, string? segment, CancellationToken cancellationToken)
    {
        var result = await pipeline.Get<KpiQuery>().GetAsync(from, to, segment, cancellationToken);
        if (Report(result) is not { } range)
        {
            return 1;
        }

        var currency = (await pipeline.Get<Application.Ports.IPolicySource>().GetCurrentAsync(cancellationToken)).Currency.BaseCurrency.Value;
        var rows = range.Days.SelectMany(d => segment is null && d.Overall is { } overall
            ? [new KeyValuePair<string, KpiSnapshot>($"{Tables.Date(d.AsOf)} overall", overall)]
            : d.Segments.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new KeyValuePair<string, KpiSnapshot>($"{Tables.Date(d.AsOf)} {s.Key}", s.Value)));
        Tables.WriteKpis(rows, currency, $"{Tables.Date(range.From)} to {Tables.Date(range.To)}, one row per stored day");
        if (segment is null && range.Days.Count > 0)
        {
            var last = range.Days[^1];
            Tables.WriteKpis(last, currency, $"segments on {Tables.Date(last.AsOf)}");
        }
        else if (range.Days.Count == 0)
        {
            AnsiConsole.MarkupLine("No KPI snapshots in that range: each completed daily run stores one.");
        }

        return 0;
    }

    private static T? Report<T>(QueryResult<T> result)
        where T : class
    {
        foreach (var error in result.Errors)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{error.Field}:[/] {error.Reason}");
        }

        return result.Status == QueryStatus.Ok ? result.Value : null;
    }

    /// <summary>The customers the run left out for bad data, one line per problem; nothing when there are none.</summary>
    private static void WriteProblems(IReadOnlyList<DataProblemView> problems, int customers)
    {
        if (problems.Count == 0)
        {
            return;
        }

        AnsiConsole.MarkupLineInterpolated($"[yellow]{customers} customer(s) left out for data problems[/] (fix the data; the next run picks them up):");
        foreach (var p in problems)
        {
            var where = string.Join(" ", new[] { p.InvoiceId is null ? null : $"invoice {p.InvoiceId}", p.Field }.Where(x => x is not null));
            AnsiConsole.MarkupLineInterpolated($"  customer {p.CustomerId}{(where.Length > 0 ? " " + where : "")}: {p.Reason}");
        }
    }

    private sealed record RunRequest(DateOnly AsOf, bool DryRun, bool Process, FileInfo? PolicyFile, int? KpiPeriodDays);

    private static void WriteCounts(RunCounts c) =>
        AnsiConsole.MarkupLineInterpolated(
            $"{c.Customers} customers, {c.OpenInvoices} open invoices, {c.StepsFired} steps fired ({c.StepsSkipped} skipped): {c.Emails} emails, {c.Calls} calls, {c.Letters} letters, {c.InternalTasks} internal tasks, {c.SegmentMoves} segment moves.");
}
