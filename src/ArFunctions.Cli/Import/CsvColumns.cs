namespace ArFunctions.Cli.Import;

/// <summary>
/// The canonical columns of the three import files (docs/import.md), named as the intake API's JSON fields; a mapping
/// (<see cref="ImportMapping"/>) turns another layout into these. A customer with
/// several contacts takes one row per contact: the first row holds the customer, the next ones repeat only its id
/// and the contact columns.
/// </summary>
internal static class CsvColumns
{
    public static readonly string[] Contact = ["contactName", "contactRole", "contactEmail", "contactPhone", "contactPreferredChannel", "contactPreferredTime"];

    public static readonly string[] Customer =
    [
        "id", "name", "country", "industry", "type", "creditScore", "riskClass", "paymentMethod", "invoicingMode", "creditTermsDays",
        "customerSince", "marginPct", "assignedCollector", "excluded", .. Contact,
    ];

    public static readonly string[] Invoice =
    [
        "id", "customerId", "issueDate", "dueDate", "amount", "openAmount", "currency", "status", "paidOn",
        "disputeCategory", "disputeOpened", "disputeResolved", "promiseDate", "promiseAmount", "promiseMadeOn", "type", "appliesTo",
        "paymentLink",
    ];

    public static readonly string[] Payment = ["id", "invoiceId", "customerId", "amount", "currency", "date", "method", "unappliedAmount"];

    /// <summary>The columns that carry credits (credit rows of the invoices file, unapplied cash of the payments file); files without credits leave them out.</summary>
    public static readonly string[] Credit = ["type", "appliesTo", "unappliedAmount"];

    /// <summary>The columns a file must have; the others may be left out.</summary>
    public static readonly string[] RequiredCustomer = ["id", "name", "customerSince"];

    public static readonly string[] RequiredInvoice = ["id", "customerId", "issueDate", "dueDate", "amount", "openAmount", "currency"];

    public static readonly string[] RequiredPayment = ["id", "amount", "currency", "date", "method"];

    /// <summary>The columns a mapping reads as dates (its date forms) and as numbers (its number format).</summary>
    public static readonly IReadOnlySet<string> Dates = new HashSet<string>(StringComparer.Ordinal)
    {
        "customerSince", "issueDate", "dueDate", "paidOn", "disputeOpened", "disputeResolved", "promiseDate", "promiseMadeOn", "date",
    };

    public static readonly IReadOnlySet<string> Numbers = new HashSet<string>(StringComparer.Ordinal)
    {
        "creditScore", "creditTermsDays", "marginPct", "amount", "openAmount", "promiseAmount", "unappliedAmount",
    };
}
