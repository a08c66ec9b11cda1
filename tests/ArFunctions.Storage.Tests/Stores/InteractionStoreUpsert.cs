using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class InteractionStoreUpsert(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 5, 4);

    [Fact]
    public async Task KeepsIdenticalInteractionsApartGivenOneCall()
    {
        var stores = new StoreHarness(azurite);
        var noAnswer = new Interaction(new CustomerId("C1"), Day, InteractionKind.Call, InteractionOutcome.NoAnswer);

        await stores.Interactions.UpsertAsync([noAnswer, noAnswer], CancellationToken.None);

        Assert.Equal(2, (await StoreHarness.AllShardsAsync(stores.Interactions.StreamShardAsync)).Count);
    }

    [Fact]
    public async Task AddsWithoutOverwritingGivenALaterCallOnTheSameDay()
    {
        var stores = new StoreHarness(azurite);
        var morning = new Interaction(new CustomerId("C1"), Day, InteractionKind.Call, InteractionOutcome.NoAnswer);
        var afternoon = new Interaction(new CustomerId("C1"), Day, InteractionKind.Email, InteractionOutcome.Sent, "overdue reminder");

        await stores.Interactions.UpsertAsync([morning], CancellationToken.None);
        await stores.Interactions.UpsertAsync([afternoon], CancellationToken.None);
        await stores.Interactions.UpsertAsync([morning, afternoon], CancellationToken.None);

        var stored = await StoreHarness.AllShardsAsync(stores.Interactions.StreamShardAsync);
        Assert.Equal([afternoon, morning], stored.OrderBy(i => i.Kind == InteractionKind.Call));
    }

    [Fact]
    public async Task ReturnsEveryInteractionUnchangedGivenGeneratedInteractions()
    {
        var stores = new StoreHarness(azurite);
        var random = new Random(21);
        var interactions = Enumerable.Range(0, 200).Select(i => Generate.Interaction(random, new CustomerId($"C{i % 25}"))).Distinct().ToList();

        await stores.Interactions.UpsertAsync(interactions, CancellationToken.None);
        var stored = await StoreHarness.AllShardsAsync(stores.Interactions.StreamShardAsync);

        Assert.Equal(interactions.ToHashSet(), stored.ToHashSet());
        Assert.Equal(interactions.Count, stored.Count);
    }
}
