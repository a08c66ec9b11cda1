using System.CommandLine;
using ArFunctions.Application.Runs;
using ArFunctions.Local;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>arfn preview --policy draft.json [--as-of D]</c>: what the draft policy would change on the run of D (default today)
/// beside the policy in force, over the stored data (see <see cref="StorageArgs"/>), writing nothing (<see cref="PolicyPreview"/>).
/// </summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var policy = new Option<FileInfo>("--policy") { Description = "The draft policy JSON file to compare with the policy in force.", Required = true };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The run date to preview (yyyy-MM-dd); default today, the next run's date." };
        var storage = new StorageArgs();
        var command = new Command("preview", "Show what a draft policy would change on the next run (or --as-of), beside the policy in force; writes nothing.") { policy, asOf };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            var file = parse.GetValue(policy)!;
            if (!file.Exists)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]--policy:[/] no such file {file.FullName}");
                return 2;
            }

            var draft = await File.ReadAllTextAsync(file.FullName, token);
            await using var pipeline = await storage.OpenAsync(parse);
            return pipeline is null || !await PolicyInForce.RequireAsync(pipeline, PolicyInForce.ImportExample, token)
                ? 2
                : await PreviewAsync(pipeline, file.Name, draft, parse.GetValue(asOf), token);
        });
        return command;
    }

    private static async Task<int> PreviewAsync(LocalPipeline pipeline, string fileName, string draft, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var result = await Work.StatusAsync("Previewing", () => pipeline.Get<PolicyPreview>().PreviewAsync(draft, asOf, cancellationToken));
        if (result.Value is not { } report)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{fileName}: {result.Errors.Count} error(s); nothing was previewed[/]");
            foreach (var error in result.Errors)
            {
                AnsiConsole.WriteLine("  " + error);
            }

            return 1;
        }

        AnsiConsole.MarkupLineInterpolated(
            $"Preview of {Tables.Date(report.AsOf)}: policy in force {report.PolicyInForce} vs draft {report.Draft} ({fileName}), {report.Customers} customers; nothing was written.");
        if (report.ChangesNothing)
        {
            AnsiConsole.MarkupLine("[green]The draft changes nothing on that day:[/] every customer gets the same segment and the same actions.");
        }
        else
        {
            AnsiConsole.MarkupLineInterpolated($"{report.CustomersChanged} customer(s) would change{(report.Truncated ? $" (the first {report.Differences.Count} listed)" : "")}:");
            WriteDifferences(report.Differences);
        }

        WriteSegments(report.Segments);
        WriteCollectors(report.Collectors);
        foreach (var problem in report.DataProblems)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]left out[/] customer {problem.CustomerId}: {problem.Reason}");
        }

        return 0;
    }

    private static void WriteDifferences(IReadOnlyList<CustomerDifference> differences)
    {
        var table = new Table().AddColumns("customer", "segment", "change", "policy in force", "draft");
        foreach (var d in differences)
        {
            var segment = d.SegmentInForce == d.SegmentDraft ? d.SegmentInForce ?? "-" : $"{d.SegmentInForce ?? "-"} -> {d.SegmentDraft ?? "-"}";
            var rows = d.Removed.Select(a => ("removed", Describe(a), ""))
                .Concat(d.Added.Select(a => ("added", "", Describe(a))))
                .Concat(d.Changed.Select(c => ($"changed ({string.Join(", ", c.Fields)})", Describe(c.InForce), Describe(c.Draft))))
                .DefaultIfEmpty(("segment only", "", ""));
            foreach (var (change, inForce, draft) in rows)
            {
                table.AddRow(Markup.Escape(d.CustomerId), Markup.Escape(segment), Markup.Escape(change), Markup.Escape(inForce), Markup.Escape(draft));
            }
        }

        AnsiConsole.Write(table);
    }

    /// <summary><c>email overdue to ap-clerk, steps INV-1:d5</c>: what the action is, enough to tell two apart.</summary>
    private static string Describe(DryRunAction action)
    {
        var parts = new List<string> { action.Kind };
        if (action.Template is { } template)
        {
            parts.Add(template);
        }

        if (action.ContactRole is { } role)
        {
            parts.Add($"to {role}");
        }

        if (action.AssignTo is { } team)
        {
            parts.Add($"for {team}");
        }

        return $"{string.Join(" ", parts)}, steps {string.Join(" ", action.Steps)}";
    }

    private static void WriteSegments(IReadOnlyList<SegmentTotals> segments)
    {
        var table = new Table().Title("Per segment: policy in force -> draft")
            .AddColumns("segment", "customers", "steps fired", "emails", "calls", "letters", "internal tasks");
        foreach (var s in segments)
        {
            table.AddRow(
                Markup.Escape(s.Segment),
                Pair(s.InForce.Customers, s.Draft.Customers),
                Pair(s.InForce.StepsFired, s.Draft.StepsFired),
                Pair(s.InForce.Emails, s.Draft.Emails),
                Pair(s.InForce.Calls, s.Draft.Calls),
                Pair(s.InForce.Letters, s.Draft.Letters),
                Pair(s.InForce.InternalTasks, s.Draft.InternalTasks));
        }

        AnsiConsole.Write(table);
    }

    private static void WriteCollectors(IReadOnlyList<CollectorCalls> collectors)
    {
        var table = new Table().Title("Calls per collector (estimate: this day's calls only) against capacity")
            .AddColumns("collector", "policy in force", "draft");
        foreach (var c in collectors)
        {
            table.AddRow(Markup.Escape(c.Collector), Load(c.CallsInForce, c.CapacityInForce, c.OverCapacityInForce), Load(c.CallsDraft, c.CapacityDraft, c.OverCapacityDraft));
        }

        AnsiConsole.Write(table);
    }

    private static string Pair(int inForce, int draft) => inForce == draft ? $"{inForce}" : $"{inForce} -> [bold]{draft}[/]";

    private static string Load(int calls, int? capacity, bool over)
    {
        var text = capacity is { } c ? $"{calls}/{c}" : $"{calls}";
        return over ? $"[red]{text} over[/]" : text;
    }
}
