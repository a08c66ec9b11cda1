namespace ArFunctions.Cli.Import;

/// <summary>One problem in an import file: the file, the line of the row (1 is the header), the column and the reason.</summary>
internal sealed record ImportError(string File, int Line, string Field, string Reason)
{
    public override string ToString() => $"{File}:{Line} {Field}: {Reason}";
}
