using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class InvoiceStoreStream(AzuriteFixture azurite)
{
    [Fact]
    public async Task StreamsOnlyOpenInvoicesGivenTheOpenFilter()
    {
        var stores = new StoreHarness(azurite);
        var invoices = Generate.Invoices(new Random(13), customers: 20, invoices: 200);
        await stores.Invoices.UpsertAsync(invoices, CancellationToken.None);

        var open = await StoreHarness.AllShardsAsync(stores.Invoices.StreamOpenInShardAsync);

        Assert.NotEmpty(open);
        Assert.Equal(invoices.Where(i => i.Status == InvoiceStatus.Open).Select(i => i.Id.Value).Order(StringComparer.Ordinal), open.Select(i => i.Id.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task StreamsOnlyThatCustomersInvoicesGivenIdsThatArePrefixesOfEachOther()
    {
        var stores = new StoreHarness(azurite);
        var random = new Random(14);
        CustomerId[] customers = [new("A"), new("A-1"), new("AB"), new("A}")];
        var invoices = customers.SelectMany((c, n) => Enumerable.Range(0, 3).Select(i => Generate.Invoice(random, c, new InvoiceId($"I{n}-{i}")))).ToList();
        await stores.Invoices.UpsertAsync(invoices, CancellationToken.None);

        var ofA = await stores.Invoices.StreamCustomerAsync(new CustomerId("A"), CancellationToken.None).ToListAsync();

        Assert.Equal(["I0-0", "I0-1", "I0-2"], ofA.Select(i => i.Id.Value));
    }
}
