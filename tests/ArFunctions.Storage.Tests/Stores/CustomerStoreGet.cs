using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class CustomerStoreGet(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReturnsTheCustomerOrNullGivenAPointRead()
    {
        var stores = new StoreHarness(azurite);
        var customer = Generate.Customer(new Random(8), new CustomerId("ACME"));
        await stores.Customers.UpsertAsync([customer], CancellationToken.None);

        var found = await stores.Customers.GetAsync(new CustomerId("ACME"), CancellationToken.None);
        var missing = await stores.Customers.GetAsync(new CustomerId("NOBODY"), CancellationToken.None);

        Assert.True(Generate.SameCustomer(customer, Assert.IsType<Domain.Customers.Customer>(found)));
        Assert.Null(missing);
    }
}
