namespace ArFunctions.Cli.Import;

/// <summary>One problem in an import file: the file, the line of the row (1 is the header), the column and the reason.</summary>
internal sealed record ImportError(string File, int Line, string Field, string Reason)
{
    public override string ToString() => $"{File}:{Line} {Field}: {Reason}";
}

/// <summary>How the import commands report: every error in file and line order, and the one refusal line of an import that wrote nothing.</summary>
internal static class ImportReport
{
    public static void List(IEnumerable<ImportError> errors)
    {
        foreach (var error in errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line))
        {
            Spectre.Console.AnsiConsole.WriteLine(error.ToString());
        }
    }

    /// <summary>Prints why nothing was imported and returns the exit code of a refused import (1).</summary>
    public static int NothingImported(string why)
    {
        Spectre.Console.AnsiConsole.MarkupLineInterpolated($"[red]Nothing imported:[/] {why}.");
        return 1;
    }
}
