using System.Text.RegularExpressions;
using ArFunctions.Application.Intake;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Cli.Import;

/// <summary>The rows that pass every check, ready for intake, and every error found, by file and line.</summary>
internal sealed record ImportPlan(
    IReadOnlyList<CustomerInput> Customers,
    IReadOnlyList<InvoiceInput> Invoices,
    IReadOnlyList<PaymentInput> Payments,
    IReadOnlyList<CreditInput> Credits,
    IReadOnlyList<ImportError> Errors)
{
    public int Records => Customers.Count + Invoices.Count + Payments.Count + Credits.Count;
}

/// <summary>
/// Checks whole files before anything is written: each row through <see cref="IntakeValidator"/> (in batches of
/// <see cref="IntakeValidator.MaxBatchSize"/>), ids unique across a file (a row repeated identically counts once), and
/// references: an invoice's customer must be a valid row of the customers file or stored, a payment's invoice a valid
/// row of the invoices file or stored, a credit's customer (and the invoice it applies to) likewise. A row
/// that refers to an invalid row is invalid too, so <c>--skip-invalid</c> never imports an orphan.
/// </summary>
internal sealed partial class ImportPlanner(IIntakeStore store, CollectionPolicy policy, DateOnly today)
{
    public async Task<ImportPlan> PlanAsync(
        List<Sourced<CustomerInput>> customers, List<Sourced<InvoiceInput>> invoices, List<Sourced<PaymentInput>> payments, List<Sourced<CreditInput>> credits,
        List<ImportError> errors, CancellationToken cancellationToken)
    {
        var validCustomers = Validate(customers, c => c.Id, chunk => IntakeValidator.ValidateCustomers(chunk, today).Errors, errors);
        var validInvoices = Validate(Unique(invoices, i => i.Id, errors), i => i.Id, chunk => IntakeValidator.ValidateInvoices(chunk, policy, today).Errors, errors);
        var validPayments = Validate(Unique(payments, p => p.Id, errors), p => p.Id, chunk => IntakeValidator.ValidatePayments(chunk, policy, today).Errors, errors);
        var validCredits = Validate(Unique(credits, c => c.Id, errors), c => c.Id, chunk => IntakeValidator.ValidateCredits(chunk, policy, today).Errors, errors);

        var customerLines = customers.GroupBy(c => c.Input.Id ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var importedCustomers = validCustomers.Select(c => c.Input.Id!).ToHashSet(StringComparer.Ordinal);
        validInvoices = await CheckCustomersAsync(validInvoices, importedCustomers, customerLines, errors, cancellationToken);
        validPayments = await CheckInvoicesAsync(validPayments, validInvoices, invoices, errors, cancellationToken);
        validCredits = await CheckCreditsAsync(validCredits, importedCustomers, customerLines, validInvoices, errors, cancellationToken);
        return new ImportPlan(
            [.. validCustomers.Select(c => c.Input)], [.. validInvoices.Select(i => i.Input)], [.. validPayments.Select(p => p.Input)], [.. validCredits.Select(c => c.Input)], errors);
    }

    /// <summary>The rows without errors; intake's errors are added with the row's line (a contact's own line for contact fields).</summary>
    private static List<Sourced<T>> Validate<T>(List<Sourced<T>> rows, Func<T, string?> idOf, Func<T[], IReadOnlyList<IntakeError>> validate, List<ImportError> errors)
    {
        var bad = rows.Where(r => errors.Exists(e => e.File == r.File && e.Line == r.Line)).ToHashSet();
        foreach (var chunk in rows.Chunk(IntakeValidator.MaxBatchSize))
        {
            foreach (var error in validate([.. chunk.Select(r => r.Input)]))
            {
                if (error.Index < 0)
                {
                    errors.Add(new ImportError(chunk[0].File, 1, "$", error.Reason));
                    continue;
                }

                var row = chunk[error.Index];
                var (line, field) = Locate(row, row.Columns.TryGetValue(error.Field, out var column) ? column : error.Field);
                bad.Add(row);

                // A value the CSV could not parse reaches intake as absent: its parse error already says what is wrong.
                if (!errors.Exists(e => e.File == row.File && e.Line == line && e.Field == field))
                {
                    errors.Add(new ImportError(row.File, line, field, error.Reason));
                }
            }
        }

        return [.. rows.Where(r => !bad.Contains(r) && idOf(r.Input) is not null)];
    }

    /// <summary>
    /// A row whose id appeared on an earlier row is left out: silently when it reads exactly as that row (exports list an
    /// invoice once per line item), else as an error naming both lines.
    /// </summary>
    private static List<Sourced<T>> Unique<T>(List<Sourced<T>> rows, Func<T, string?> idOf, List<ImportError> errors)
    {
        var first = new Dictionary<string, Sourced<T>>(StringComparer.Ordinal);
        var unique = new List<Sourced<T>>(rows.Count);
        foreach (var row in rows)
        {
            if (idOf(row.Input) is { } id && !first.TryAdd(id, row))
            {
                var earlier = first[id];
                if (!EqualityComparer<T>.Default.Equals(earlier.Input, row.Input))
                {
                    var where = earlier.File == row.File ? $"line {earlier.Line}" : $"{earlier.File}:{earlier.Line}";
                    errors.Add(new ImportError(row.File, row.Line, "id", $"'{id}' is also on {where} with other values; a repeated row must repeat it exactly"));
                }

                continue;
            }

            unique.Add(row);
        }

        return unique;
    }

    private async Task<List<Sourced<InvoiceInput>>> CheckCustomersAsync(
        List<Sourced<InvoiceInput>> invoices, HashSet<string> imported, Dictionary<string, Sourced<CustomerInput>> customerRows, List<ImportError> errors,
        CancellationToken cancellationToken)
    {
        var lookup = invoices.Select(i => i.Input.CustomerId!).Where(id => !imported.Contains(id)).Distinct(StringComparer.Ordinal).Select(id => new CustomerId(id)).ToArray();
        var stored = lookup.Length == 0 ? new HashSet<CustomerId>() : await store.FindExistingCustomersAsync(lookup, cancellationToken);
        var owners = await store.FindInvoiceOwnersAsync([.. invoices.Select(i => new InvoiceId(i.Input.Id!))], cancellationToken);
        var valid = new List<Sourced<InvoiceInput>>(invoices.Count);
        foreach (var invoice in invoices)
        {
            var customerId = invoice.Input.CustomerId!;
            string? reason = null;
            if (!imported.Contains(customerId) && !stored.Contains(new CustomerId(customerId)))
            {
                reason = customerRows.TryGetValue(customerId, out var row)
                    ? $"customer '{customerId}' is not imported: its row {row.File}:{row.Line} is invalid"
                    : $"no customer '{customerId}' in the customers file or in storage";
            }
            else if (owners.TryGetValue(new InvoiceId(invoice.Input.Id!), out var owner) && owner.Value != customerId)
            {
                reason = $"invoice '{invoice.Input.Id}' is stored under customer '{owner}'; an invoice cannot move to another customer";
            }

            if (reason is null)
            {
                valid.Add(invoice);
            }
            else
            {
                errors.Add(new ImportError(invoice.File, invoice.Line, "customerId", reason));
            }
        }

        return valid;
    }

    private async Task<List<Sourced<PaymentInput>>> CheckInvoicesAsync(
        List<Sourced<PaymentInput>> payments, List<Sourced<InvoiceInput>> imported, List<Sourced<InvoiceInput>> invoiceRows, List<ImportError> errors,
        CancellationToken cancellationToken)
    {
        var owners = imported.ToDictionary(i => i.Input.Id!, i => i.Input.CustomerId!, StringComparer.Ordinal);
        var lookup = payments.Select(p => p.Input.InvoiceId!).Where(id => !owners.ContainsKey(id)).Distinct(StringComparer.Ordinal).Select(id => new InvoiceId(id)).ToArray();
        var stored = lookup.Length == 0 ? new Dictionary<InvoiceId, CustomerId>() : await store.FindInvoiceOwnersAsync(lookup, cancellationToken);
        var rows = invoiceRows.GroupBy(i => i.Input.Id ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var valid = new List<Sourced<PaymentInput>>(payments.Count);
        foreach (var payment in payments)
        {
            var invoiceId = payment.Input.InvoiceId!;
            var owner = owners.TryGetValue(invoiceId, out var inFile) ? inFile : stored.TryGetValue(new InvoiceId(invoiceId), out var inStorage) ? inStorage.Value : null;
            var (field, reason) = owner switch
            {
                null when rows.TryGetValue(invoiceId, out var row) => ("invoiceId", $"invoice '{invoiceId}' is not imported: its row {row.File}:{row.Line} is invalid"),
                null => ("invoiceId", $"no invoice '{invoiceId}' in the invoices file or in storage"),
                _ when payment.Input.CustomerId is { } customerId && customerId != owner => ("customerId", $"is '{customerId}' but invoice '{invoiceId}' belongs to customer '{owner}'"),
                _ => (null, null),
            };
            if (reason is null)
            {
                valid.Add(payment);
            }
            else
            {
                errors.Add(new ImportError(payment.File, payment.Line, field!, reason));
            }
        }

        return valid;
    }

    /// <summary>Credits need a customer imported or stored, and the invoice they apply to (when named) imported or stored, of the same customer.</summary>
    private async Task<List<Sourced<CreditInput>>> CheckCreditsAsync(
        List<Sourced<CreditInput>> credits, HashSet<string> importedCustomers, Dictionary<string, Sourced<CustomerInput>> customerRows,
        List<Sourced<InvoiceInput>> importedInvoices, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var customerLookup = credits.Select(c => c.Input.CustomerId!).Where(id => !importedCustomers.Contains(id)).Distinct(StringComparer.Ordinal).Select(id => new CustomerId(id)).ToArray();
        var storedCustomers = customerLookup.Length == 0 ? new HashSet<CustomerId>() : await store.FindExistingCustomersAsync(customerLookup, cancellationToken);
        var owners = importedInvoices.ToDictionary(i => i.Input.Id!, i => i.Input.CustomerId!, StringComparer.Ordinal);
        var invoiceLookup = credits.Select(c => c.Input.AppliesTo).OfType<string>().Where(id => !owners.ContainsKey(id)).Distinct(StringComparer.Ordinal).Select(id => new InvoiceId(id)).ToArray();
        var storedInvoices = invoiceLookup.Length == 0 ? new Dictionary<InvoiceId, CustomerId>() : await store.FindInvoiceOwnersAsync(invoiceLookup, cancellationToken);
        var valid = new List<Sourced<CreditInput>>(credits.Count);
        foreach (var credit in credits)
        {
            var customerId = credit.Input.CustomerId!;
            var appliesTo = credit.Input.AppliesTo;
            var owner = appliesTo is null ? null : owners.TryGetValue(appliesTo, out var inFile) ? inFile : storedInvoices.TryGetValue(new InvoiceId(appliesTo), out var inStorage) ? inStorage.Value : null;
            var (field, reason) = (credit, owner) switch
            {
                _ when !importedCustomers.Contains(customerId) && !storedCustomers.Contains(new CustomerId(customerId)) => ("customerId", customerRows.TryGetValue(customerId, out var row)
                    ? $"customer '{customerId}' is not imported: its row {row.File}:{row.Line} is invalid"
                    : $"no customer '{customerId}' in the customers file or in storage"),
                _ when appliesTo is not null && owner is null => ("appliesTo", $"no invoice '{appliesTo}' among the invoices imported or in storage"),
                _ when appliesTo is not null && owner != customerId => ("appliesTo", $"invoice '{appliesTo}' belongs to customer '{owner}', not '{customerId}'"),
                _ => (null, null),
            };
            if (reason is null)
            {
                valid.Add(credit);
            }
            else
            {
                errors.Add(new ImportError(credit.File, credit.Line, field!, reason));
            }
        }

        return valid;
    }

    /// <summary>The CSV line and column of an intake field path: <c>contacts[1].email</c> is contactEmail on the contact's line, <c>dispute.opened</c> disputeOpened.</summary>
    private static (int Line, string Field) Locate<T>(Sourced<T> row, string field)
    {
        if (field == IntakeError.Whole)
        {
            return (row.Line, "$");
        }

        var contact = ContactPath().Match(field);
        if (contact.Success)
        {
            var index = int.Parse(contact.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            var line = index < row.ContactLines.Count ? row.ContactLines[index] : row.Line;
            var rest = contact.Groups[2].Value;
            return (line, rest.Length == 0 ? "contact" : "contact" + char.ToUpperInvariant(rest[0]) + rest[1..]);
        }

        var dot = field.IndexOf('.', StringComparison.Ordinal);
        return (row.Line, dot < 0 || dot == field.Length - 1 ? field : field[..dot] + char.ToUpperInvariant(field[dot + 1]) + field[(dot + 2)..]);
    }

    [GeneratedRegex(@"^contacts\[(\d+)\]\.?(.*)$")]
    private static partial Regex ContactPath();
}
