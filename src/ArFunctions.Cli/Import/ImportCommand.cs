using System.CommandLine;
using ArFunctions.Application;
using ArFunctions.Application.Intake;
using ArFunctions.Application.Ports;
using ArFunctions.Local;
using Spectre.Console;

namespace ArFunctions.Cli.Import;

/// <summary>
/// <c>arfn import [customers.csv [invoices.csv [payments.csv]]]</c>: reads the files (docs/import.md), checks every row
/// before writing anything and lists each error as <c>file:line field: reason</c>. Any error imports nothing, unless
/// <c>--skip-invalid</c>: then the valid rows are imported and the invalid ones listed. Writes go through Intake.
/// <c>--policy FILE</c> saves the policy in force first (<see cref="PolicyInForce"/>), and the rows are checked against
/// it; storage without a policy needs one.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "customers.csv, invoices.csv, payments.csv, in that order (each optional).", Arity = new ArgumentArity(0, 3) };
        var customers = new Option<FileInfo?>("--customers") { Description = "The customers file." };
        var invoices = new Option<FileInfo?>("--invoices") { Description = "The invoices file." };
        var payments = new Option<FileInfo?>("--payments") { Description = "The payments file." };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Import the valid rows and list the invalid ones, instead of importing nothing." };
        var policy = PolicyInForce.CreateOption();
        var storage = new StorageArgs();
        var command = new Command("import", "Import customers, invoices and payments from CSV files (docs/import.md); --policy saves the policy the runs use.")
        {
            files, customers, invoices, payments, skipInvalid, policy,
        };
        storage.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var positional = parse.GetValue(files) ?? [];
            var set = new ImportFiles(
                parse.GetValue(customers) ?? positional.ElementAtOrDefault(0),
                parse.GetValue(invoices) ?? positional.ElementAtOrDefault(1),
                parse.GetValue(payments) ?? positional.ElementAtOrDefault(2));
            return RunAsync(set, parse.GetValue(skipInvalid), parse.GetValue(policy), storage, parse, token);
        });
        return command;
    }

    private static async Task<int> RunAsync(ImportFiles files, bool skipInvalid, FileInfo? policyFile, StorageArgs storage, ParseResult parse, CancellationToken cancellationToken)
    {
        if (files.All.Length == 0)
        {
            AnsiConsole.MarkupLine("[red]Name at least one file:[/] arfn import customers.csv invoices.csv payments.csv (or --customers/--invoices/--payments).");
            return 2;
        }

        if (files.All.FirstOrDefault(f => !f.Exists) is { } missing)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such file:[/] {missing.FullName}");
            return 2;
        }

        var policy = policyFile is null ? null : PolicyFiles.ReadOrReport(policyFile);
        if (policyFile is not null && policy is null)
        {
            AnsiConsole.MarkupLine("Nothing imported.");
            return 1;
        }

        await using var pipeline = await storage.OpenAsync(parse);
        if (pipeline is null)
        {
            return 2;
        }

        if (policy is null && !await PolicyInForce.RequireAsync(pipeline, PolicyInForce.ImportExample, cancellationToken))
        {
            return 2;
        }

        var plan = await Work.StatusAsync("Checking the files", () => PlanAsync(pipeline, files, policy?.Policy, cancellationToken));
        foreach (var error in plan.Errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line))
        {
            AnsiConsole.WriteLine(error.ToString());
        }

        if (plan.Errors.Count > 0 && !skipInvalid)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Nothing imported:[/] {plan.Errors.Count} error(s). Fix them, or pass --skip-invalid to import the valid rows.");
            return 1;
        }

        if (policy is not null && !await PolicyInForce.SaveAsync(pipeline, policy, $"arfn import --policy {policy.File.Name}", cancellationToken))
        {
            return 1;
        }

        await Work.StatusAsync("Importing", () => WriteAsync(pipeline.Get<Intake>(), plan, cancellationToken));
        var skipped = plan.Errors.Count > 0 ? $"; skipped the rows with the {plan.Errors.Count} error(s) listed above" : "";
        AnsiConsole.MarkupLineInterpolated($"[green]Imported[/] {plan.Customers.Count} customers, {plan.Invoices.Count} invoices and {plan.Payments.Count} payments{skipped}.");
        return 0;
    }

    /// <summary>Checks the rows against <paramref name="policy"/> (the one about to be saved), else the policy in force.</summary>
    private static async Task<ImportPlan> PlanAsync(LocalPipeline pipeline, ImportFiles files, Domain.Policies.CollectionPolicy? policy, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        var customers = files.Customers is null ? [] : CsvMapping.Customers(CsvFile.Read(files.Customers.FullName, CsvColumns.Customer, CsvColumns.RequiredCustomer, errors));
        var invoices = files.Invoices is null ? [] : CsvMapping.Invoices(CsvFile.Read(files.Invoices.FullName, CsvColumns.Invoice, CsvColumns.RequiredInvoice, errors));
        var payments = files.Payments is null ? [] : CsvMapping.Payments(CsvFile.Read(files.Payments.FullName, CsvColumns.Payment, CsvColumns.RequiredPayment, errors));
        policy ??= await pipeline.Get<IPolicySource>().GetCurrentAsync(cancellationToken);
        var planner = new ImportPlanner(pipeline.Get<IIntakeStore>(), policy, pipeline.Get<BusinessClock>().Today);
        return await planner.PlanAsync(customers, invoices, payments, errors, cancellationToken);
    }

    /// <summary>Customers, then invoices, then payments, in intake's batches; returns how many records were written.</summary>
    private static async Task<int> WriteAsync(Intake intake, ImportPlan plan, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var batch in plan.Customers.Chunk(IntakeValidator.MaxBatchSize))
        {
            written += Check(await intake.UpsertCustomersAsync(batch, cancellationToken), "customers");
        }

        foreach (var batch in plan.Invoices.Chunk(IntakeValidator.MaxBatchSize))
        {
            written += Check(await intake.UpsertInvoicesAsync(batch, cancellationToken), "invoices");
        }

        foreach (var batch in plan.Payments.Chunk(IntakeValidator.MaxBatchSize))
        {
            written += Check(await intake.UpsertPaymentsAsync(batch, cancellationToken), "payments");
        }

        return written;
    }

    /// <summary>
    /// The checks above are intake's own, so a refusal here means storage changed meanwhile: the batches before it stay
    /// written (every write is an upsert; importing the files again completes the import).
    /// </summary>
    private static int Check(IntakeResult result, string kind)
    {
        if (result.IsAccepted)
        {
            return result.Accepted;
        }

        throw new InvalidOperationException($"Intake refused a batch of {kind} the import had checked: {string.Join("; ", result.Errors.Take(5))}. "
            + "The batches before it are written; import the files again once the cause is fixed.");
    }

    private sealed record ImportFiles(FileInfo? Customers, FileInfo? Invoices, FileInfo? Payments)
    {
        public FileInfo[] All { get; } = new[] { Customers, Invoices, Payments }.OfType<FileInfo>().ToArray();
    }
}
