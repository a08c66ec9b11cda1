using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
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
        var invoices = GeneratedInvoices(new Random(11), customers: 60, invoices: 600);

        await stores.Invoices.UpsertAsync(invoices, CancellationToken.None);
        var stored = await StoreHarness.AllShardsAsync(stores.Invoices.StreamShardAsync);

        Assert.Equal(invoices.OrderBy(i => i.Id.Value, StringComparer.Ordinal), stored.OrderBy(i => i.Id.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindsTheInvoiceByIdAloneGivenTheIndex()
    {
        var stores = new StoreHarness(azurite);
        var invoices = GeneratedInvoices(new Random(12), customers: 10, invoices: 50);
        await stores.Invoices.UpsertAsync(invoices, CancellationToken.None);

        var location = await stores.Index.FindAsync(invoices[17].Id, CancellationToken.None);
        var found = await stores.Invoices.FindAsync(invoices[17].Id, CancellationToken.None);
        var unknown = await stores.Invoices.FindAsync(new InvoiceId("NO-SUCH-INVOICE"), CancellationToken.None);

        Assert.Equal(new Storage.Stores.InvoiceLocation(invoices[17].Id, invoices[17].CustomerId, stores.Sharding.ShardOf(invoices[17].CustomerId)), location);
        Assert.Equal(invoices[17], found);
        Assert.Null(unknown);
    }

    [Fact]
    public async Task StreamsOnlyOpenInvoicesGivenTheOpenFilter()
    {
        var stores = new StoreHarness(azurite);
        var invoices = GeneratedInvoices(new Random(13), customers: 20, invoices: 200);
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

    private static List<Invoice> GeneratedInvoices(Random random, int customers, int invoices)
    {
        var customerIds = Enumerable.Range(0, customers).Select(i => new CustomerId($"C{i}")).ToArray();
        return Enumerable.Range(0, invoices)
            .Select(i => Generate.Invoice(random, customerIds[random.Next(customerIds.Length)], new InvoiceId($"INV-{i:D5}")))
            .ToList();
    }
}
