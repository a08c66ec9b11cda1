using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class PaymentStoreUpsert(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReturnsEveryPaymentUnchangedGivenGeneratedPayments()
    {
        var stores = new StoreHarness(azurite);
        var random = new Random(31);
        var payments = Enumerable.Range(0, 250)
            .Select(i => Generate.Payment(random, new CustomerId($"C{i % 30}")) with { Id = $"P{i:D4}" })
            .ToList();

        await stores.Payments.UpsertAsync(payments, CancellationToken.None);
        var stored = await StoreHarness.AllShardsAsync(stores.Payments.StreamShardAsync);

        Assert.Equal(payments.OrderBy(p => p.Id, StringComparer.Ordinal), stored.OrderBy(p => p.Id, StringComparer.Ordinal));
    }
}
