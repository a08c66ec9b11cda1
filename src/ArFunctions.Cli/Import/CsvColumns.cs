namespace ArFunctions.Cli.Import;

/// <summary>
/// The columns of the three import files (docs/import.md), named as the intake API's JSON fields. A customer with
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
        "disputeCategory", "disputeOpened", "disputeResolved", "promiseDate", "promiseAmount", "promiseMadeOn",
    ];

    public static readonly string[] Payment = ["id", "invoiceId", "customerId", "amount", "currency", "date", "method"];

    /// <summary>The columns a file must have; the others may be left out.</summary>
    public static readonly string[] RequiredCustomer = ["id", "name", "customerSince"];

    public static readonly string[] RequiredInvoice = ["id", "customerId", "issueDate", "dueDate", "amount", "openAmount", "currency"];

    public static readonly string[] RequiredPayment = ["id", "invoiceId", "amount", "currency", "date", "method"];
}
