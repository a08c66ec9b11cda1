using ArFunctions.Application.Statements;

namespace ArFunctions.Email.Statements;

/// <summary>Renders statements as PDF (<see cref="StatementPdf"/>) or CSV (<see cref="StatementCsv"/>); file names carry the customer and the date.</summary>
internal sealed class StatementRenderer : IStatementRenderer
{
    public StatementDocument Render(Statement statement, StatementFormat format)
    {
        var name = $"statement-{statement.Customer.Id}-{statement.AsOf:yyyy-MM-dd}";
        return format == StatementFormat.Csv
            ? new StatementDocument(statement, name + ".csv", "text/csv; charset=utf-8", StatementCsv.Write(statement))
            : new StatementDocument(statement, name + ".pdf", "application/pdf", StatementPdf.Write(statement));
    }
}
