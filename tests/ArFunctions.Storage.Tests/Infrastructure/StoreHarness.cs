using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Storage.Tests.Infrastructure;

/// <summary>The stores over tables with a prefix no other test uses, on 8 shards.</summary>
public sealed class StoreHarness
{
    public const int ShardCount = 8;

    public StoreHarness(AzuriteFixture azurite)
    {
        Tables = new StorageTables(azurite.CreateTableServiceClient(), AzuriteFixture.UniqueName("t"));
        Index = new InvoiceIndexStore(Tables, Sharding, NullLogger<InvoiceIndexStore>.Instance);
        Customers = new CustomerStore(Tables, Sharding, NullLogger<CustomerStore>.Instance);
        Invoices = new InvoiceStore(Tables, Sharding, Index, NullLogger<InvoiceStore>.Instance);
        Payments = new PaymentStore(Tables, Sharding, NullLogger<PaymentStore>.Instance);
        Interactions = new InteractionStore(Tables, Sharding, NullLogger<InteractionStore>.Instance);
        Ledger = new LedgerStore(Tables, Sharding, NullLogger<LedgerStore>.Instance);
        Credits = new CreditStore(Tables, Sharding, NullLogger<CreditStore>.Instance);
    }

    public Sharding Sharding { get; } = new(ShardCount);

    public StorageTables Tables { get; }

    public InvoiceIndexStore Index { get; }

    public CustomerStore Customers { get; }

    public InvoiceStore Invoices { get; }

    public PaymentStore Payments { get; }

    public InteractionStore Interactions { get; }

    public LedgerStore Ledger { get; }

    public CreditStore Credits { get; }

    /// <summary>Reads every shard through <paramref name="stream"/>.</summary>
    public static async Task<List<T>> AllShardsAsync<T>(Func<int, CancellationToken, IAsyncEnumerable<T>> stream)
    {
        var all = new List<T>();
        for (var shard = 0; shard < ShardCount; shard++)
        {
            await foreach (var item in stream(shard, CancellationToken.None))
            {
                all.Add(item);
            }
        }

        return all;
    }
}
