namespace ArFunctions.Application.Statements;

/// <summary>The file formats a statement is rendered in.</summary>
public enum StatementFormat
{
    Pdf,
    Csv,
}

/// <summary>A rendered statement: the file's name, its media type and bytes, and the statement it renders.</summary>
public sealed record StatementDocument(Statement Statement, string FileName, string ContentType, byte[] Content);

/// <summary>Renders a statement as a file (the Email project's PDF and CSV writers).</summary>
public interface IStatementRenderer
{
    StatementDocument Render(Statement statement, StatementFormat format);
}
