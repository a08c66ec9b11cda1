using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class InvoiceStoreUpsert(AzuriteFixture azurite)
{
    [Fact]
    public async Task StoresEveryInvoiceUnchangedGivenGeneratedInvoices()
    {
        var stores = new StoreHarness(azurite);
        var invoices = Generate.Invoices(new Random(11), customers: 60, invoices: 600);

        await stores.Invoices.UpsertAsync(invoices, CancellationToken.None);
        var stored = await StoreHarness.AllShardsAsync(stores.Invoices.StreamShardAsync);

        Assert.Equal(invoices.OrderBy(i => i.Id.Value, StringComparer.Ordinal), stored.OrderBy(i => i.Id.Value, StringComparer.Ordinal));
    }
}
