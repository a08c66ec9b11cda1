using System.CommandLine;
using ArFunctions.Application.Statements;
using ArFunctions.Local;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>arfn statement CUSTOMER [--as-of D] [--format pdf|csv] [--out FILE]</c>: the customer's statement of account as a
/// file, from the same use case as <c>GET /api/customers/{id}/statement</c>.
/// </summary>
internal static class StatementCommand
{
    public static Command Create()
    {
        var customer = new Argument<string>("customer") { Description = "The customer id." };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The statement's date (yyyy-MM-dd); default today." };
        var format = new Option<string>("--format") { Description = "pdf (the default) or csv.", DefaultValueFactory = _ => "pdf" };
        var output = new Option<string?>("--out") { Description = "The file to write; default statement-CUSTOMER-DATE.pdf (or .csv) in the current folder." };
        var storage = new StorageArgs();
        var command = new Command("statement", "Write a customer's statement of account (open items, credits, payments of the last 90 days, aging) as PDF or CSV.")
        {
            customer, asOf, format, output,
        };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            return pipeline is null
                ? 2
                : await WriteAsync(pipeline, parse.GetValue(customer)!, parse.GetValue(asOf), parse.GetValue(format)!, parse.GetValue(output), token);
        });
        return command;
    }

    private static async Task<int> WriteAsync(LocalPipeline pipeline, string customerId, DateOnly? asOf, string format, string? output, CancellationToken cancellationToken)
    {
        var result = await pipeline.Get<CustomerStatement>().RenderAsync(customerId, asOf, format, cancellationToken);
        if (result.Value is not { } document)
        {
            foreach (var error in result.Errors)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{(error.Field == "format" ? "--format" : error.Field == "asOf" ? "--as-of" : error.Field)}:[/] {error.Reason}");
            }

            if (result.Errors.Count == 0 && result.Failure is { } failure)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{failure.Detail}[/]");
            }

            return 1;
        }

        var path = Path.GetFullPath(output ?? document.FileName);
        await File.WriteAllBytesAsync(path, document.Content, cancellationToken);
        var statement = document.Statement;
        AnsiConsole.MarkupLineInterpolated($"Wrote {path}: {statement.Customer.Name} ({statement.Customer.Id}) as of {Tables.Date(statement.AsOf)}, {statement.OpenItems.Count} open items.");
        return 0;
    }
}
