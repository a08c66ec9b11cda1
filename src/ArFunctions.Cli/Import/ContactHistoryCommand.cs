using System.CommandLine;
using System.Globalization;
using ArFunctions.Application;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;
using ArFunctions.Local;
using ArFunctions.Storage.Stores;
using Spectre.Console;

namespace ArFunctions.Cli.Import;

/// <summary>
/// <c>arfn import-history history.csv</c>: the contact history the team had before ArFunctions, as the last ladder
/// step per invoice and its date, so a first run carries on from there instead of starting at a baseline
/// (docs/onboarding.md). Each row is recorded in the ledger as that step fired, in every strategy of the policy in
/// force that has the step (or the one the row names): whichever segment the customer lands in, its ladder has
/// got that far. Ledger entries are added, never replaced, so importing the file again changes nothing.
/// </summary>
internal static class ContactHistoryCommand
{
    public static readonly string[] Columns = ["invoiceId", "step", "date", "strategy"];

    private static readonly string[] Required = ["invoiceId", "step", "date"];

    public static Command Create()
    {
        var file = new Argument<FileInfo>("history") { Description = "CSV: invoiceId, step (a step id of the policy in force), date (yyyy-MM-dd), strategy (optional)." };
        var storage = new StorageArgs();
        var command = new Command("import-history", "Record the last ladder step per invoice your team took before ArFunctions, so the first run carries on from it.") { file };
        storage.AddTo(command);
        command.SetAction(async (parse, token) =>
        {
            await using var pipeline = await storage.OpenAsync(parse);
            return pipeline is null ? 2 : await ImportAsync(pipeline, parse.GetValue(file)!, token);
        });
        return command;
    }

    private static async Task<int> ImportAsync(LocalPipeline pipeline, FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]{file.FullName} does not exist.[/] Nothing was written.");
            return 2;
        }

        if (!await PolicyInForce.RequireAsync(pipeline, PolicyInForce.ImportExample, cancellationToken))
        {
            return 1;
        }

        var errors = new List<ImportError>();
        var rows = CsvFile.Read(file.FullName, new ColumnMapper(Columns, Required, null, null), new ColumnNames(), errors, out _);
        var policy = await pipeline.Get<IPolicySource>().GetCurrentAsync(cancellationToken);
        var today = pipeline.Get<BusinessClock>().Today;
        var writes = new List<LedgerRow>();
        foreach (var row in rows)
        {
            writes.AddRange(await CheckAsync(row, pipeline.Get<InvoiceStore>(), policy, today, cancellationToken));
        }

        if (errors.Count > 0)
        {
            ImportReport.List(errors);
            return ImportReport.NothingImported($"{errors.Count} error(s)");
        }

        if (rows.Count == 0)
        {
            return ImportReport.NothingImported($"{file.Name} has no rows");
        }

        var added = await pipeline.Get<LedgerStore>().TryRecordManyAsync(writes, cancellationToken);
        AnsiConsole.MarkupLineInterpolated(
            $"[green]Recorded[/] the last step of {rows.Count} invoice(s): {added.Count} ledger entr(ies) added, {writes.Count - added.Count} already there.");
        return 0;
    }

    /// <summary>The ledger rows of one history row, or none after recording its errors.</summary>
    private static async Task<IReadOnlyList<LedgerRow>> CheckAsync(CsvRow row, InvoiceStore invoices, CollectionPolicy policy, DateOnly today, CancellationToken cancellationToken)
    {
        var stepId = row.Text("step")!;
        var strategyId = row.Text("strategy");
        var date = Date(row, today);
        var invoiceText = row.Text("invoiceId")!;
        var invoice = EntityKey.IsValid(invoiceText, out _) ? await invoices.FindAsync(new InvoiceId(invoiceText), cancellationToken) : null;
        if (invoice is null)
        {
            row.Fail("invoiceId", $"invoice '{invoiceText}' is not stored: import the invoices first");
        }

        var strategies = Strategies(row, policy, stepId, strategyId);
        if (invoice is null || date is null || row.HasErrors)
        {
            return [];
        }

        return strategies.Select(strategy => new LedgerRow
        {
            CustomerId = invoice.CustomerId,
            InvoiceId = invoice.Id,
            StrategyId = strategy.Id,
            StrategyVersion = strategy.Version,
            StepId = stepId,
            Outcome = KebabName<LedgerOutcome>.Format(LedgerOutcome.Fired),
            Reason = null,
            On = date.Value,
            ActionId = null,
        }).ToList();
    }

    private static List<Strategy> Strategies(CsvRow row, CollectionPolicy policy, string stepId, string? strategyId)
    {
        if (strategyId is not null)
        {
            if (policy.Strategies.FirstOrDefault(s => s.Id == strategyId) is not { } named)
            {
                row.Fail("strategy", NameSuggester.Unknown("strategy", strategyId, policy.Strategies.Select(s => s.Id).ToArray()));
                return [];
            }

            if (!named.Steps.Any(s => s.Id == stepId))
            {
                row.Fail("step", NameSuggester.Unknown($"step of strategy '{strategyId}'", stepId, named.Steps.Select(s => s.Id).ToArray()));
            }

            return [named];
        }

        var having = policy.Strategies.Where(s => s.Steps.Any(step => step.Id == stepId)).ToList();
        if (having.Count == 0)
        {
            row.Fail("step", NameSuggester.Unknown("step", stepId, policy.Strategies.SelectMany(s => s.Steps.Select(step => step.Id)).Distinct().ToArray()));
        }

        return having;
    }

    private static DateOnly? Date(CsvRow row, DateOnly today)
    {
        var text = row.Text("date")!;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            row.Fail("date", $"'{text}' is not a date in the form yyyy-MM-dd");
            return null;
        }

        if (date > today)
        {
            row.Fail("date", $"{text} is after today ({today:yyyy-MM-dd}): history is what already happened");
            return null;
        }

        return date;
    }
}
