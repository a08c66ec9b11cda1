using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class InvoiceStoreFind(AzuriteFixture azurite)
{
    [Fact]
    public async Task FindsTheInvoiceByIdAloneGivenTheIndex()
    {
        var stores = new StoreHarness(azurite);
        var invoices = Generate.Invoices(new Random(12), customers: 10, invoices: 50);
        await stores.Invoices.UpsertAsync(invoices, CancellationToken.None);

        var location = await stores.Index.FindAsync(invoices[17].Id, CancellationToken.None);
        var found = await stores.Invoices.FindAsync(invoices[17].Id, CancellationToken.None);
        var unknown = await stores.Invoices.FindAsync(new InvoiceId("NO-SUCH-INVOICE"), CancellationToken.None);

        Assert.Equal(new Storage.Stores.InvoiceLocation(invoices[17].Id, invoices[17].CustomerId, stores.Sharding.ShardOf(invoices[17].CustomerId)), location);
        Assert.Equal(invoices[17], found);
        Assert.Null(unknown);
    }
}
