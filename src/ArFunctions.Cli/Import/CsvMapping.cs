using ArFunctions.Application.Intake;

namespace ArFunctions.Cli.Import;

/// <summary>
/// An intake input read from CSV, with the line it came from (and, for customers, the line of each contact).
/// <see cref="Columns"/> names the CSV column of an intake field where the two differ (a credit read from an invoice
/// row has its date in issueDate).
/// </summary>
internal sealed record Sourced<T>(T Input, string File, int Line, IReadOnlyList<int> ContactLines)
{
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the files held besides the rows imported: rows a mapping skips, and credits with nothing left unapplied.</summary>
internal sealed class ImportTally
{
    public int Skipped { get; set; }

    public int FullyApplied { get; set; }
}

/// <summary>Maps CSV rows to the intake inputs. Values stay strings where intake validates them; numbers and booleans are parsed here.</summary>
internal static class CsvMapping
{
    /// <summary>The kinds of row an invoices file holds (its <c>type</c> column): invoices, and credits as ERPs list them beside invoices.</summary>
    public static readonly string[] InvoiceTypes = ["invoice", "credit-memo", "unapplied-cash"];

    private static readonly string[] CustomerOnly = CsvColumns.Customer.Except(CsvColumns.Contact).Where(c => c != "id").ToArray();

    /// <summary>
    /// Customers in file order. A repeated id adds its row's contact to the customer of the first row (an identical
    /// contact once); its customer columns must be blank or exactly the first row's, else the row is refused naming both lines.
    /// </summary>
    public static List<Sourced<CustomerInput>> Customers(IReadOnlyList<CsvRow> rows)
    {
        var customers = new List<Sourced<CustomerInput>>();
        var byId = new Dictionary<string, (int Index, CsvRow Row)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var contact = Contact(row);
            if (row.Text("id") is { } id && byId.TryGetValue(id, out var firstSeen))
            {
                var first = customers[firstSeen.Index];
                var conflict = CustomerOnly.FirstOrDefault(c => row.Has(c) && !string.Equals(row.Text(c), firstSeen.Row.Text(c), StringComparison.Ordinal));
                if (conflict is not null)
                {
                    var before = firstSeen.Row.Text(conflict) is { } text ? $"'{text}'" : "blank";
                    row.Fail(conflict, $"customer '{id}' is on line {first.Line} with {conflict} {before}, here '{row.Text(conflict)}': a repeated row repeats the customer's columns exactly or leaves them blank");
                }
                else if (contact is not null && !(first.Input.Contacts ?? []).Contains(contact))
                {
                    customers[firstSeen.Index] = first with
                    {
                        Input = first.Input with { Contacts = [.. first.Input.Contacts ?? [], contact] },
                        ContactLines = [.. first.ContactLines, row.Line],
                    };
                }

                continue;
            }

            var input = Customer(row, contact);
            if (input.Id is not null)
            {
                byId[input.Id] = (customers.Count, row);
            }

            customers.Add(new Sourced<CustomerInput>(input, row.File, row.Line, contact is null ? [] : [row.Line]));
        }

        return customers;
    }

    /// <summary>Invoice rows become invoices; credit rows (type credit-memo or unapplied-cash) become credits in <paramref name="credits"/>.</summary>
    public static List<Sourced<InvoiceInput>> Invoices(IReadOnlyList<CsvRow> rows, List<Sourced<CreditInput>> credits, ImportTally tally)
    {
        var invoices = new List<Sourced<InvoiceInput>>(rows.Count);
        foreach (var row in rows)
        {
            var type = row.Text("type")?.ToLowerInvariant() ?? "invoice";
            if (!InvoiceTypes.Contains(type))
            {
                row.Fail("type", $"'{row.Text("type")}' is not one of {string.Join(", ", InvoiceTypes)}");
            }
            else if (type == "invoice")
            {
                if (row.Has("appliesTo"))
                {
                    row.Fail("appliesTo", "only a credit row (type credit-memo or unapplied-cash) applies to an invoice");
                }

                invoices.Add(new Sourced<InvoiceInput>(Invoice(row), row.File, row.Line, []));
            }
            else
            {
                var amountColumn = row.Has("openAmount") ? "openAmount" : "amount";
                AddCredit(row, type, row.Text("customerId"), amountColumn, "issueDate", row.Text("appliesTo"), credits, tally);
            }
        }

        return invoices;
    }

    /// <summary>
    /// Payments of an invoice become payments; an unapplied amount (the whole amount of a payment that names no
    /// invoice) becomes an unapplied-cash credit of the customer in <paramref name="credits"/>.
    /// </summary>
    public static List<Sourced<PaymentInput>> Payments(IReadOnlyList<CsvRow> rows, List<Sourced<CreditInput>> credits, ImportTally tally)
    {
        var payments = new List<Sourced<PaymentInput>>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Has("invoiceId"))
            {
                payments.Add(new Sourced<PaymentInput>(Payment(row), row.File, row.Line, []));
                if (row.Has("unappliedAmount"))
                {
                    // A payment applied in full is a payment, not a credit left out.
                    AddCredit(row, "unapplied-cash", row.Text("customerId"), "unappliedAmount", "date", null, credits, tally: null);
                }

                continue;
            }

            AddCredit(row, "unapplied-cash", row.Text("customerId"), row.Has("unappliedAmount") ? "unappliedAmount" : "amount", "date", null, credits, tally);
        }

        return payments;
    }

    /// <summary>
    /// A credit of the row's unapplied amount (its sign dropped: ledgers list credits as negative); one with nothing
    /// unapplied is left out, and counted in <paramref name="tally"/> when given.
    /// </summary>
    private static void AddCredit(
        CsvRow row, string kind, string? customerId, string amountColumn, string dateColumn, string? appliesTo, List<Sourced<CreditInput>> credits, ImportTally? tally)
    {
        var amount = row.Decimal(amountColumn);
        if (amount == 0m)
        {
            if (tally is not null)
            {
                tally.FullyApplied++;
            }

            return;
        }

        if (customerId is null && row.Has("invoiceId"))
        {
            row.Fail("customerId", "is required for a payment with an unapplied amount: the credit is the customer's");
            return;
        }

        var input = new CreditInput
        {
            Id = row.Text("id"),
            CustomerId = customerId,
            Kind = kind,
            Amount = amount is { } value ? Math.Abs(value) : null,
            Currency = row.Text("currency"),
            On = row.Text(dateColumn),
            AppliesTo = appliesTo,
        };
        var columns = new Dictionary<string, string>(StringComparer.Ordinal) { ["amount"] = amountColumn, ["on"] = dateColumn, ["kind"] = "type" };
        credits.Add(new Sourced<CreditInput>(input, row.File, row.Line, []) { Columns = columns });
    }

    private static CustomerInput Customer(CsvRow row, ContactInput? contact) => new()
    {
        Id = row.Text("id"),
        Name = row.Text("name"),
        Country = row.Text("country"),
        Industry = row.Text("industry"),
        Type = row.Text("type"),
        CreditScore = row.Int("creditScore"),
        RiskClass = row.Text("riskClass"),
        PaymentMethod = row.Text("paymentMethod"),
        InvoicingMode = row.Text("invoicingMode"),
        CreditTermsDays = row.Int("creditTermsDays"),
        CustomerSince = row.Text("customerSince"),
        MarginPct = row.Decimal("marginPct"),
        AssignedCollector = row.Text("assignedCollector"),
        Excluded = row.Bool("excluded"),
        Contacts = contact is null ? [] : [contact],
    };

    private static ContactInput? Contact(CsvRow row) => !CsvColumns.Contact.Any(row.Has) ? null : new ContactInput
    {
        Name = row.Text("contactName"),
        Role = row.Text("contactRole"),
        Email = row.Text("contactEmail"),
        Phone = row.Text("contactPhone"),
        PreferredChannel = row.Text("contactPreferredChannel"),
        PreferredTime = row.Text("contactPreferredTime"),
    };

    private static InvoiceInput Invoice(CsvRow row) => new()
    {
        Id = row.Text("id"),
        CustomerId = row.Text("customerId"),
        IssueDate = row.Text("issueDate"),
        DueDate = row.Text("dueDate"),
        Amount = row.Decimal("amount"),
        OpenAmount = row.Decimal("openAmount"),
        Currency = row.Text("currency"),
        Status = row.Text("status"),
        PaidOn = row.Text("paidOn"),
        PaymentLink = row.Text("paymentLink"),
        Dispute = row.Has("disputeCategory") || row.Has("disputeOpened") || row.Has("disputeResolved")
            ? new DisputeInput { Category = row.Text("disputeCategory"), Opened = row.Text("disputeOpened"), Resolved = row.Text("disputeResolved") }
            : null,
        Promise = row.Has("promiseDate") || row.Has("promiseAmount") || row.Has("promiseMadeOn")
            ? new PromiseInput { Date = row.Text("promiseDate"), Amount = row.Decimal("promiseAmount"), MadeOn = row.Text("promiseMadeOn") }
            : null,
    };

    private static PaymentInput Payment(CsvRow row) => new()
    {
        Id = row.Text("id"),
        InvoiceId = row.Text("invoiceId"),
        CustomerId = row.Text("customerId"),
        Amount = row.Decimal("amount"),
        Currency = row.Text("currency"),
        Date = row.Text("date"),
        Method = row.Text("method"),
    };
}
