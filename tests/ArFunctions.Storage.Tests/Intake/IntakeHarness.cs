using ArFunctions.Application.Intake;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using IntakeUseCase = ArFunctions.Application.Intake.Intake;

namespace ArFunctions.Storage.Tests.Intake;

/// <summary>
/// Intake as wired in production (the <see cref="DailyRunHarness"/> host: AddArFunctionsStorage + AddArFunctionsApplication,
/// sample policy) on tables no other test uses, with "now" fixed at noon UTC of <see cref="Today"/>.
/// </summary>
public sealed class IntakeHarness : IAsyncDisposable
{
    public static readonly DateOnly Today = new(2025, 3, 14);

    private readonly DailyRunHarness _host;

    private IntakeHarness(DailyRunHarness host) => _host = host;

    public IntakeUseCase Intake => _host.Get<IntakeUseCase>();

    public static async Task<IntakeHarness> CreateAsync(AzuriteFixture azurite)
    {
        var now = new DateTimeOffset(Today, new TimeOnly(12, 0), TimeSpan.Zero);
        var host = await DailyRunHarness.CreateAsync(azurite, shardCount: 4, services => services.AddSingleton<TimeProvider>(new FixedTime(now)));
        return new IntakeHarness(host);
    }

    public T Get<T>()
        where T : notnull => _host.Get<T>();

    public Task<List<Customer>> CustomersAsync() => AllShardsAsync(Get<CustomerStore>().StreamShardAsync);

    public Task<List<Invoice>> InvoicesAsync() => AllShardsAsync(Get<InvoiceStore>().StreamShardAsync);

    public Task<List<Payment>> PaymentsAsync() => AllShardsAsync(Get<PaymentStore>().StreamShardAsync);

    /// <summary>Every row of the tables intake writes, as (table, PartitionKey, RowKey, ETag): equal snapshots mean nothing was written.</summary>
    public async Task<List<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        foreach (var name in new[] { StorageTables.Customers, StorageTables.Invoices, StorageTables.InvoiceIndex, StorageTables.Payments })
        {
            var table = await Get<StorageTables>().Get(name).GetAsync(CancellationToken.None);
            await foreach (var entity in table.StreamAsync<TableEntity>(null, CancellationToken.None))
            {
                rows.Add($"{name} {entity.PartitionKey} {entity.RowKey} {entity.ETag}");
            }
        }

        return rows;
    }

    public async Task SeedAsync(IntakeBatch batch)
    {
        var result = await Intake.UpsertAsync(batch, CancellationToken.None);
        Assert.True(result.IsAccepted, string.Join("; ", result.Errors));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task<List<T>> AllShardsAsync<T>(Func<int, CancellationToken, IAsyncEnumerable<T>> stream)
    {
        var all = new List<T>();
        for (var shard = 0; shard < Get<Sharding>().ShardCount; shard++)
        {
            await foreach (var item in stream(shard, CancellationToken.None))
            {
                all.Add(item);
            }
        }

        return all;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
