using Azure.Data.Tables;

namespace ArFunctions.Storage.Tables;

/// <summary>The deployment's tables: each name is the configured prefix plus a fixed name ("arCustomers").</summary>
public sealed class StorageTables
{
    public const string Customers = "Customers";
    public const string Invoices = "Invoices";
    public const string InvoiceIndex = "InvoiceIndex";
    public const string Payments = "Payments";
    public const string Interactions = "Interactions";
    public const string Ledger = "Ledger";
    public const string Actions = "Actions";
    public const string CustomerStates = "CustomerStates";
    public const string SegmentHistory = "SegmentHistory";
    public const string Runs = "Runs";
    public const string RunShards = "RunShards";
    public const string ShardSummaries = "ShardSummaries";
    public const string RunProblems = "RunProblems";
    public const string Decisions = "Decisions";
    public const string Ranks = "Ranks";
    public const string Worklists = "Worklists";
    public const string KpiSnapshots = "KpiSnapshots";
    public const string WebhookEvents = "WebhookEvents";
    public const string PaymentStates = "PaymentStates";
    public const string ParkedRefunds = "ParkedRefunds";
    public const string UnmatchedPayments = "UnmatchedPayments";
    public const string Credits = "Credits";
    public const string Policy = "Policy";
    public const string CallTasks = "CallTasks";
    public const string TaskIndex = "TaskIndex";
    public const string EmailMessages = "EmailMessages";
    public const string ContactStates = "ContactStates";
    public const string PortalRevocations = "PortalRevocations";

    // Closed history the daily run no longer reads, same keys as the table it left (docs/adr/0002-table-design.md).
    public const string InvoicesArchive = "InvoicesArchive";
    public const string PaymentsArchive = "PaymentsArchive";
    public const string InteractionsArchive = "InteractionsArchive";
    public const string LedgerArchive = "LedgerArchive";

    /// <summary>The table that keeps what leaves <paramref name="table"/>.</summary>
    public static string ArchiveOf(string table) => table switch
    {
        Invoices => InvoicesArchive,
        Payments => PaymentsArchive,
        Interactions => InteractionsArchive,
        Ledger => LedgerArchive,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Only invoices, payments, interactions and the ledger are archived."),
    };

    private readonly TableServiceClient _service;

    public StorageTables(TableServiceClient service, string prefix)
    {
        if (!StorageOptionsValidator.IsValidTablePrefix(prefix))
        {
            throw new ArgumentException($"Table prefix '{prefix}' must be letters and digits starting with a letter.", nameof(prefix));
        }

        _service = service;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public TableHandle Get(string name) => new(_service.GetTableClient(Prefix + name));
}

/// <summary>A table client that creates its table on first use (once per handle; repeats are harmless).</summary>
public sealed class TableHandle(TableClient client)
{
    private volatile bool _created;

    public string Name => client.Name;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await client.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        return client;
    }
}
