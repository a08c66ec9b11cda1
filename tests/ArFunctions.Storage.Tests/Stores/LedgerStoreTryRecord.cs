using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class LedgerStoreTryRecord(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReturnsFalseAndKeepsOneRowGivenTheSameStepTwice()
    {
        var stores = new StoreHarness(azurite);

        var first = await stores.Ledger.TryRecordAsync(Generate.LedgerRow("C1", "I1", "step-1"), CancellationToken.None);
        var second = await stores.Ledger.TryRecordAsync(Generate.LedgerRow("C1", "I1", "step-1") with { Outcome = "replayed" }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var stored = Assert.Single(await StoreHarness.AllShardsAsync(stores.Ledger.StreamShardAsync));
        Assert.Equal(Generate.LedgerRow("C1", "I1", "step-1"), stored);
    }

    [Fact]
    public async Task ReturnsOnlyNewStepsGivenABatchThatOverlapsRecordedOnes()
    {
        var stores = new StoreHarness(azurite);
        var rows = Enumerable.Range(0, 150).Select(i => Generate.LedgerRow($"C{i % 7}", $"I{i}", "step-1")).ToList();
        foreach (var early in rows.Where((_, i) => i % 30 == 0))
        {
            Assert.True(await stores.Ledger.TryRecordAsync(early, CancellationToken.None));
        }

        var recorded = await stores.Ledger.TryRecordManyAsync(rows, CancellationToken.None);
        var again = await stores.Ledger.TryRecordManyAsync(rows, CancellationToken.None);

        Assert.Equal(rows.Where((_, i) => i % 30 != 0).Select(r => r.RowKey).Order(StringComparer.Ordinal), recorded.Select(r => r.RowKey).Order(StringComparer.Ordinal));
        Assert.Empty(again);
        Assert.Equal(150, (await StoreHarness.AllShardsAsync(stores.Ledger.StreamShardAsync)).Count);
    }

    [Fact]
    public void ThrowsGivenAStepIdContainingTheSeparator()
    {
        Assert.Throws<ArgumentException>(() => Generate.LedgerRow("C1", "I1", "step|1").RowKey);
    }
}
