using System.CommandLine;
using ArFunctions.Application.Customers;
using ArFunctions.Application.Queries;
using ArFunctions.Local;
using Spectre.Console;

namespace ArFunctions.Cli;

/// <summary>
/// <c>arfn explain CUSTOMER [--from D] [--to D]</c>: the customer's decision log in plain words, a line per fact and run
/// date ("2026-01-13 step d3-call for INV-7 not made: superseded; the email (d5-email) went out instead"), from the
/// same use case as <c>GET /api/customers/{id}/decisions</c>.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var customer = new Argument<string>("customer") { Description = "The customer id." };
        var from = new Option<DateOnly?>("--from") { Description = $"First run date (yyyy-MM-dd); default {CustomerDecisionsQuery.DefaultDays} days before --to." };
        var to = new Option<DateOnly?>("--to") { Description = "Last run date (yyyy-MM-dd); default today." };
        var storage = new StorageArgs();
        var command = new Command("explain", "Say, per run date, why each step for a customer fired or did not, and what became of each action.") { customer, from, to };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            return pipeline is null ? 2 : await ExplainAsync(pipeline, parse.GetValue(customer)!, parse.GetValue(from), parse.GetValue(to), token);
        });
        return command;
    }

    private static async Task<int> ExplainAsync(LocalPipeline pipeline, string customerId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var result = await pipeline.Get<CustomerDecisionsQuery>().GetAsync(customerId, from, to, cancellationToken);
        if (result.Status != QueryStatus.Ok || result.Value is not { } log)
        {
            foreach (var error in result.Errors)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{error.Field}:[/] {error.Reason}");
            }

            if (result.Errors.Count == 0 && result.Failure is { } failure)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{failure.Detail}[/]");
            }

            return 1;
        }

        AnsiConsole.MarkupLineInterpolated($"{log.Customer.Name} ({log.Customer.Id}), {Tables.Date(log.From)} to {Tables.Date(log.To)}:");
        if (log.Days.Count == 0)
        {
            AnsiConsole.WriteLine("  nothing to explain: no step was due and nothing was held back on any run date in the range.");
        }

        foreach (var day in log.Days)
        {
            foreach (var line in day.Explanation)
            {
                AnsiConsole.MarkupLineInterpolated($"{Tables.Date(day.On)} {line}");
            }
        }

        return 0;
    }
}
