using System.Globalization;
using ArFunctions.Application.Kpis;
using ArFunctions.Application.Worklists;
using ArFunctions.Cli.Demo;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Kpis;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>Console tables and number formats shared by the commands.</summary>
internal static class Tables
{
    public static void WriteKpis(IEnumerable<KeyValuePair<string, KpiSnapshot>> snapshots, string currency, string period)
    {
        var table = new Table().Title($"KPIs over {period} ({currency})")
            .AddColumns("segment", "AR", "current %", "DSO", "countback DSO", "best DSO", "ADD", "CEI %", "1-30", "31-60", "61-90", "90+");
        foreach (var (segment, snapshot) in snapshots)
        {
            table.AddRow(Markup.Escape(segment), Money(snapshot.Ar), D(snapshot.PercentCurrent), D(snapshot.DsoPeriod), D(snapshot.DsoCountback),
                D(snapshot.BestPossibleDso), D(snapshot.AverageDaysDelinquent), D(snapshot.Cei), Money(snapshot.Aging.Days1To30),
                Money(snapshot.Aging.Days31To60), Money(snapshot.Aging.Days61To90), Money(snapshot.Aging.Days90Plus));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>A stored day's KPIs: each segment, then the whole portfolio.</summary>
    public static void WriteKpis(KpiDay day, string currency, string period)
    {
        var rows = day.Segments.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        if (day.Overall is { } overall)
        {
            rows.Add(new("overall", overall));
        }

        WriteKpis(rows, currency, period);
    }

    public static void WriteDays(IReadOnlyList<DemoDay> days)
    {
        var table = new Table().Title("Days").AddColumns("date", "customers", "steps", "emails sent", "tasks", "payments received", "payments applied", "open balance");
        foreach (var d in days)
        {
            table.AddRow(Date(d.Date), N(d.Customers), N(d.Steps), N(d.EmailsSent), N(d.Tasks), N(d.PaymentEvents), N(d.PaymentsApplied), Money(d.OpenBalance));
        }

        AnsiConsole.Write(table);
    }

    public static void WriteWorklist(WorklistView? worklist)
    {
        if (worklist is null || worklist.Items.Count == 0)
        {
            AnsiConsole.MarkupLine("The worklist is empty (no completed run yet, or nobody to call).");
            return;
        }

        var title = $"{(worklist.Collector is null ? "Top " + N(worklist.Items.Count) : worklist.Collector)} worklist of {(worklist.AsOf is { } asOf ? Date(asOf) : "-")}";
        var table = new Table().Title(Markup.Escape(title)).AddColumns("rank", "customer", "segment", "collector", "score", "overdue", "open tasks", "why");
        foreach (var item in worklist.Items)
        {
            table.AddRow(N(item.Rank), Markup.Escape(item.CustomerId), Markup.Escape(item.Segment ?? "-"), Markup.Escape(item.Collector ?? "-"),
                item.Score.ToString("0.000", CultureInfo.InvariantCulture), Money(item.OverdueBalance),
                Markup.Escape(item.Tasks.Count == 0 ? "-" : string.Join(", ", item.Tasks.Select(t => KebabName<Application.Tasks.TaskKind>.Format(t.Kind)))),
                Markup.Escape(string.Join("; ", item.Reasons)));
        }

        AnsiConsole.Write(table);
    }

    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string D(decimal? value) => value is null ? "-" : value.Value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
