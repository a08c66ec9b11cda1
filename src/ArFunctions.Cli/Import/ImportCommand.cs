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
/// it; storage without a policy needs one. <c>--profile NAME</c> or <c>--map FILE</c> reads another layout (an ERP's
/// export) through an <see cref="ImportMapping"/>. An import that would write nothing exits 1.
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
        var profile = new Option<string?>("--profile") { Description = $"Read an ERP's exports: {string.Join(", ", ImportMapping.Profiles)} (docs/import.md#erp-profiles)." };
        var map = new Option<FileInfo?>("--map") { Description = "Read another layout through a JSON mapping file (docs/import.md#mapping-files)." };
        var policy = PolicyInForce.CreateOption();
        var storage = new StorageArgs();
        var command = new Command("import", "Import customers, invoices, payments and credits from CSV files (docs/import.md); --policy saves the policy the runs use.")
        {
            files, customers, invoices, payments, skipInvalid, profile, map, policy,
        };
        storage.AddTo(command);
        command.SetAction((parse, token) =>
        {
            var positional = parse.GetValue(files) ?? [];
            var set = new ImportFiles(
                parse.GetValue(customers) ?? positional.ElementAtOrDefault(0),
                parse.GetValue(invoices) ?? positional.ElementAtOrDefault(1),
                parse.GetValue(payments) ?? positional.ElementAtOrDefault(2));
            return RunAsync(set, parse.GetValue(skipInvalid), parse.GetValue(profile), parse.GetValue(map), parse.GetValue(policy), storage, parse, token);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        ImportFiles files, bool skipInvalid, string? profile, FileInfo? mapFile, FileInfo? policyFile, StorageArgs storage, ParseResult parse, CancellationToken cancellationToken)
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

        if (profile is not null && mapFile is not null)
        {
            AnsiConsole.MarkupLine("[red]Pass --profile or --map, not both:[/] a profile is a mapping file shipped with arfn.");
            return 2;
        }

        if (mapFile is { Exists: false })
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such file:[/] {mapFile.FullName}");
            return 2;
        }

        var (mapping, mappingProblem) = profile is not null ? ImportMapping.Profile(profile) : mapFile is not null ? ImportMapping.Read(mapFile) : (null, null);
        if (mappingProblem is not null)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Bad mapping:[/] {mappingProblem}");
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

        var tally = new ImportTally();
        var plan = await Work.StatusAsync("Checking the files", () => PlanAsync(pipeline, files, mapping, tally, policy?.Policy, cancellationToken));
        ImportReport.List(plan.Errors);
        if (plan.Errors.Count > 0 && !skipInvalid)
        {
            return ImportReport.NothingImported($"{plan.Errors.Count} error(s). Fix them, or pass --skip-invalid to import the valid rows");
        }

        // A nightly job must not report success for an import that wrote nothing (every row invalid, or a header error).
        if (plan.Records == 0)
        {
            return ImportReport.NothingImported(
                plan.Errors.Count > 0 ? $"no row is left to import ({plan.Errors.Count} error(s) listed above)" : "the files hold no rows to import");
        }

        if (policy is not null && !await PolicyInForce.SaveAsync(pipeline, policy, $"arfn import --policy {policy.File.Name}", cancellationToken))
        {
            return 1;
        }

        await Work.StatusAsync("Importing", () => WriteAsync(pipeline.Get<Intake>(), plan, cancellationToken));
        var skipped = plan.Errors.Count > 0 ? $"; skipped the rows with the {plan.Errors.Count} error(s) listed above" : "";
        AnsiConsole.MarkupLineInterpolated($"[green]Imported[/] {plan.Customers.Count} customers, {plan.Invoices.Count} invoices, {plan.Payments.Count} payments and {plan.Credits.Count} credits{skipped}.");
        if (tally.Skipped + tally.FullyApplied > 0)
        {
            AnsiConsole.WriteLine($"Left out {tally.Skipped} row(s) the mapping skips and {tally.FullyApplied} credit(s) with nothing unapplied.");
        }

        return 0;
    }

    /// <summary>Checks the rows against <paramref name="policy"/> (the one about to be saved), else the policy in force.</summary>
    private static async Task<ImportPlan> PlanAsync(
        LocalPipeline pipeline, ImportFiles files, ImportMapping? mapping, ImportTally tally, Domain.Policies.CollectionPolicy? policy, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        var names = new ColumnNames();
        var credits = new List<Sourced<CreditInput>>();
        var customerMapper = new ColumnMapper(CsvColumns.Customer, CsvColumns.RequiredCustomer, mapping, mapping?.Customers);
        var customers = CsvMapping.Customers(Read(files.Customers, customerMapper, names, errors, tally));
        var invoices = CsvMapping.Invoices(Read(files.Invoices, new ColumnMapper(CsvColumns.Invoice, CsvColumns.RequiredInvoice, mapping, mapping?.Invoices), names, errors, tally), credits, tally);
        var payments = CsvMapping.Payments(Read(files.Payments, new ColumnMapper(CsvColumns.Payment, CsvColumns.RequiredPayment, mapping, mapping?.Payments), names, errors, tally), credits, tally);
        if (customerMapper.SinceEarliestInvoice)
        {
            customers = SinceEarliestInvoice(customers, invoices, credits);
        }

        policy ??= await pipeline.Get<IPolicySource>().GetCurrentAsync(cancellationToken);
        var planner = new ImportPlanner(pipeline.Get<IIntakeStore>(), policy, pipeline.Get<BusinessClock>().Today);
        var plan = await planner.PlanAsync(customers, invoices, payments, credits, errors, cancellationToken);
        return plan with { Errors = [.. plan.Errors.Select(names.Named)] };
    }

    private static List<CsvRow> Read(FileInfo? file, ColumnMapper mapper, ColumnNames names, List<ImportError> errors, ImportTally tally)
    {
        if (file is null)
        {
            return [];
        }

        var rows = CsvFile.Read(file.FullName, mapper, names, errors, out var skipped);
        tally.Skipped += skipped;
        return rows;
    }

    /// <summary>
    /// Customers without a customer-since date take the date of their earliest invoice or credit in the invoices file
    /// (ERP customer lists that carry no start date: the profile says so); a customer with neither stays without one, and intake says it is required.
    /// </summary>
    private static List<Sourced<CustomerInput>> SinceEarliestInvoice(List<Sourced<CustomerInput>> customers, List<Sourced<InvoiceInput>> invoices, List<Sourced<CreditInput>> credits)
    {
        var earliest = invoices.Select(i => (i.Input.CustomerId, Date: i.Input.IssueDate))
            .Concat(credits.Select(c => (c.Input.CustomerId, Date: c.Input.On)))
            .Where(x => x.CustomerId is not null && x.Date is not null)
            .GroupBy(x => x.CustomerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Date!).Min(StringComparer.Ordinal)!, StringComparer.Ordinal);
        return [.. customers.Select(c => c.Input.CustomerSince is null && c.Input.Id is { } id && earliest.TryGetValue(id, out var since)
            ? c with { Input = c.Input with { CustomerSince = since } }
            : c)];
    }

    /// <summary>Customers, then invoices, payments and credits, in intake's batches; returns how many records were written.</summary>
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

        foreach (var batch in plan.Credits.Chunk(IntakeValidator.MaxBatchSize))
        {
            written += Check(await intake.UpsertCreditsAsync(batch, cancellationToken), "credits");
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
