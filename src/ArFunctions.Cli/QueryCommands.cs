using System.CommandLine;
using ArFunctions.Application.Access;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Kpis;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Runs;
using ArFunctions.Application.Worklists;
using ArFunctions.Domain.Kpis;
using ArFunctions.Local;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>ar run</c>, <c>ar worklist</c> and <c>ar kpis</c>: the function app's manual run, worklist and KPI use cases
/// against existing storage (see <see cref="StorageArgs"/>).
/// </summary>
internal static class QueryCommands
{
    public static Command CreateRun()
    {
        var asOf = new Option<DateOnly>("--as-of") { Description = "The run's business date (yyyy-MM-dd).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what the run would do; write nothing." };
        var process = new Option<bool>("--process") { Description = "Process the queued shards here instead of leaving them to the function app." };
        var storage = new StorageArgs();
        var command = new Command("run", "Start the daily run of a date by hand (ManualRun), or dry-run it.") { asOf, dryRun, process };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            return pipeline is null ? 2 : await RunAsync(pipeline, parse.GetValue(asOf), parse.GetValue(dryRun), parse.GetValue(process), token);
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
            return pipeline is null ? 2 : await WorklistAsync(pipeline, parse.GetValue(collector), parse.GetValue(top), token);
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
            return pipeline is null ? 2 : await KpisAsync(pipeline, parse.GetValue(from), parse.GetValue(to), parse.GetValue(segment), token);
        });
        return command;
    }

    private static async Task<int> RunAsync(LocalPipeline pipeline, DateOnly asOf, bool dryRun, bool process, CancellationToken cancellationToken)
    {
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

        if (process)
        {
            var shard = pipeline.Get<ProcessShard>();
            var handled = await Work.StatusAsync("Processing shards", () => pipeline.DrainAsync<ProcessShardMessage>(QueueNames.Shards, (m, t) => shard.ProcessAsync(m, t), 4, cancellationToken));
            AnsiConsole.MarkupLineInterpolated($"Processed {handled} shard message(s).");
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

        return 0;
    }

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

    private static void WriteCounts(RunCounts c) =>
        AnsiConsole.MarkupLineInterpolated(
            $"{c.Customers} customers, {c.OpenInvoices} open invoices, {c.StepsFired} steps fired ({c.StepsSkipped} skipped): {c.Emails} emails, {c.Calls} calls, {c.Letters} letters, {c.InternalTasks} internal tasks, {c.SegmentMoves} segment moves.");
}
