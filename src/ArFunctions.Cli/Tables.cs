using System.Globalization;
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

    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Money(decimal value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string D(decimal? value) => value is null ? "-" : value.Value.ToString("0.0", CultureInfo.InvariantCulture);
}
