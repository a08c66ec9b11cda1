using ArFunctions.Application.Webhooks;
using ArFunctions.Storage;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Webhooks;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Webhooks.Tests.Infrastructure;

/// <summary>The webhook use cases over Azurite tables with a prefix of their own, a fake clock and a recording queue.</summary>
public sealed class WebhookHarness
{
    public const string StripeSecret = "whsec_stripe_test_secret";

    /// <summary>The secret being rotated out, still accepted beside <see cref="StripeSecret"/>.</summary>
    public const string RetiredStripeSecret = "whsec_retired_stripe_secret";
    public const string PaymentsSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const int ShardCount = 4;

    /// <param name="azurite">The emulator the tables live in.</param>
    /// <param name="secrets">The configured secrets by source; null for working Stripe and payments secrets.</param>
    /// <param name="zone">The business's time zone; null for UTC.</param>
    public WebhookHarness(AzuriteFixture azurite, IReadOnlyDictionary<string, string>? secrets = null, TimeZoneInfo? zone = null)
    {
        Service = new TableServiceClient(azurite.ConnectionString, Calls.Options());
        Tables = new StorageTables(Service, "w" + Guid.NewGuid().ToString("N")[..12]);
        var index = new InvoiceIndexStore(Tables, Sharding, NullLogger<InvoiceIndexStore>.Instance);
        Invoices = new InvoiceStore(Tables, Sharding, index, NullLogger<InvoiceStore>.Instance);
        Payments = new PaymentStore(Tables, Sharding, NullLogger<PaymentStore>.Instance);
        Interactions = new InteractionStore(Tables, Sharding, NullLogger<InteractionStore>.Instance);
        Ledger = new LedgerStore(Tables, Sharding, NullLogger<LedgerStore>.Instance);
        Shards = new TableShardStore(Tables, Sharding, Ledger, new TableRunStore(Tables), NullLogger<TableShardStore>.Instance);
        Events = new TableWebhookEventStore(Tables);
        var states = new TablePaymentStateStore(Tables);
        var unmatched = new TableUnmatchedPaymentStore(Tables);
        Credits = new CreditStore(Tables, Sharding, NullLogger<CreditStore>.Instance);
        var receivables = new TableReceivablesLedger(Tables, Sharding, Invoices, Payments, Credits, Interactions);
        var options = new WebhookOptions
        {
            Secrets = secrets is null
                ? new(StringComparer.Ordinal) { ["stripe"] = RetiredStripeSecret + " " + StripeSecret, ["payments"] = PaymentsSecret }
                : new(secrets, StringComparer.Ordinal),
        };
        var monitor = new StaticOptionsMonitor<WebhookOptions>(options);
        Receive = new ReceiveWebhook(monitor, new StripeSignatureVerifier(Clock), new StandardWebhookVerifier(Clock), Events, Queue, new Application.BusinessClock(Clock, zone ?? TimeZoneInfo.Utc), NullLogger<ReceiveWebhook>.Instance);
        var applier = new PaymentApplier(states, receivables, unmatched, Queue, NullLogger<PaymentApplier>.Instance);
        Apply = new ApplyPaymentEvent(Events, applier, NullLogger<ApplyPaymentEvent>.Instance);
        Unmatched = new UnmatchedPayments(unmatched, receivables, applier, new Application.BusinessClock(Clock, TimeZoneInfo.Utc));
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public RecordingQueue Queue { get; } = new();

    /// <summary>Every table request the harness's stores send: the storage round trips of what a test runs.</summary>
    public ArFunctions.Local.StorageCallRecorder Calls { get; } = new();

    public TableServiceClient Service { get; }

    public Sharding Sharding { get; } = new(ShardCount);

    public StorageTables Tables { get; }

    public InvoiceStore Invoices { get; }

    public PaymentStore Payments { get; }

    public CreditStore Credits { get; }

    public InteractionStore Interactions { get; }

    public LedgerStore Ledger { get; }

    public TableShardStore Shards { get; }

    public TableWebhookEventStore Events { get; }

    public ReceiveWebhook Receive { get; }

    public ApplyPaymentEvent Apply { get; }

    public UnmatchedPayments Unmatched { get; }

    /// <summary>Handles queued messages until the queue is empty (parked refunds re-queued by a payment included).</summary>
    public async Task<List<ApplyOutcome>> DrainAsync()
    {
        var outcomes = new List<ApplyOutcome>();
        while (Queue.TryTake(out var message))
        {
            outcomes.Add(await Apply.HandleAsync((PaymentEventMessage)message, CancellationToken.None));
        }

        return outcomes;
    }

    /// <summary>Every Payments row, across the shards.</summary>
    public async Task<List<Domain.Invoices.Payment>> PaymentsAsync()
    {
        var all = new List<Domain.Invoices.Payment>();
        for (var shard = 0; shard < ShardCount; shard++)
        {
            await foreach (var payment in Payments.StreamShardAsync(shard, CancellationToken.None))
            {
                all.Add(payment);
            }
        }

        return all;
    }

    /// <summary>Rows in every table of this harness's prefix.</summary>
    public async Task<int> CountRowsAsync()
    {
        var count = 0;
        await foreach (var table in Service.QueryAsync())
        {
            if (!table.Name.StartsWith(Tables.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var _ in Service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                count++;
            }
        }

        return count;
    }
}
