using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class CustomerStoreStreamShard(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReturnsEveryCustomerUnchangedGivenGeneratedCustomersAcrossShards()
    {
        var stores = new StoreHarness(azurite);
        var random = new Random(42);
        var customers = Enumerable.Range(0, 300)
            .Select(i => Generate.Customer(random, new CustomerId($"{Generate.Id(random, "C")}-{i}")))
            .ToList();

        await stores.Customers.UpsertAsync(customers, CancellationToken.None);
        var stored = await StoreHarness.AllShardsAsync(stores.Customers.StreamShardAsync);

        Assert.Equal(customers.Count, stored.Count);
        var byId = stored.ToDictionary(c => c.Id);
        Assert.All(customers, c => Assert.True(Generate.SameCustomer(c, byId[c.Id]), $"{c.Id} changed in storage"));
        Assert.True(stored.Select(c => stores.Sharding.ShardOf(c.Id)).Distinct().Count() == StoreHarness.ShardCount, "customers should fill every shard");
    }

    [Fact]
    public async Task StreamsOnlyTheShardsCustomersGivenOneShard()
    {
        var stores = new StoreHarness(azurite);
        var random = new Random(7);
        var customers = Enumerable.Range(0, 40).Select(i => Generate.Customer(random, new CustomerId($"C{i}"))).ToList();
        await stores.Customers.UpsertAsync(customers, CancellationToken.None);

        var shardThree = await stores.Customers.StreamShardAsync(3, CancellationToken.None).ToListAsync();

        Assert.Equal(customers.Where(c => stores.Sharding.ShardOf(c.Id) == 3).Select(c => c.Id.Value).Order(StringComparer.Ordinal), shardThree.Select(c => c.Id.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ThrowsGivenAShardOutsideTheDeployment()
    {
        var stores = new StoreHarness(azurite);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await stores.Customers.StreamShardAsync(StoreHarness.ShardCount, CancellationToken.None).ToListAsync());
    }
}
