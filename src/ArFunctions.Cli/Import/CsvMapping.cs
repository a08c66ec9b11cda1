using ArFunctions.Application.Intake;

namespace ArFunctions.Cli.Import;

/// <summary>An intake input read from CSV, with the line it came from (and, for customers, the line of each contact).</summary>
internal sealed record Sourced<T>(T Input, string File, int Line, IReadOnlyList<int> ContactLines);

/// <summary>Maps CSV rows to the intake inputs. Values stay strings where intake validates them; numbers and booleans are parsed here.</summary>
internal static class CsvMapping
{
    private static readonly string[] CustomerOnly = CsvColumns.Customer.Except(CsvColumns.Contact).Where(c => c != "id").ToArray();

    /// <summary>Customers in file order; a repeated id adds its row's contact to the customer of the first row.</summary>
    public static List<Sourced<CustomerInput>> Customers(IReadOnlyList<CsvRow> rows)
    {
        var customers = new List<Sourced<CustomerInput>>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var contact = Contact(row);
            if (row.Text("id") is { } id && byId.TryGetValue(id, out var index))
            {
                var first = customers[index];
                if (CustomerOnly.Any(row.Has))
                {
                    row.Fail("id", $"customer '{id}' is already on line {first.Line}; a repeated row carries only the id and contact columns");
                }
                else if (contact is not null)
                {
                    customers[index] = first with
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
                byId[input.Id] = customers.Count;
            }

            customers.Add(new Sourced<CustomerInput>(input, row.File, row.Line, contact is null ? [] : [row.Line]));
        }

        return customers;
    }

    public static List<Sourced<InvoiceInput>> Invoices(IReadOnlyList<CsvRow> rows) =>
        [.. rows.Select(row => new Sourced<InvoiceInput>(Invoice(row), row.File, row.Line, []))];

    public static List<Sourced<PaymentInput>> Payments(IReadOnlyList<CsvRow> rows) =>
        [.. rows.Select(row => new Sourced<PaymentInput>(Payment(row), row.File, row.Line, []))];

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
