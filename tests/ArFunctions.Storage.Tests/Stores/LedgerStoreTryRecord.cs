using ArFunctions.Domain.Common;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class LedgerStoreTryRecord(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReturnsFalseAndKeepsOneRowGivenTheSameStepTwice()
    {
        var stores = new StoreHarness(azurite);

        var first = await stores.Ledger.TryRecordAsync(Row("C1", "I1", "step-1"), CancellationToken.None);
        var second = await stores.Ledger.TryRecordAsync(Row("C1", "I1", "step-1") with { Outcome = "replayed" }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        var stored = Assert.Single(await StoreHarness.AllShardsAsync(stores.Ledger.StreamShardAsync));
        Assert.Equal(Row("C1", "I1", "step-1"), stored);
    }

    [Fact]
    public async Task ReturnsOnlyNewStepsGivenABatchThatOverlapsRecordedOnes()
    {
        var stores = new StoreHarness(azurite);
        var rows = Enumerable.Range(0, 150).Select(i => Row($"C{i % 7}", $"I{i}", "step-1")).ToList();
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
    public async Task ReportsConflictGivenAnUpdateFromAStaleRead()
    {
        var stores = new StoreHarness(azurite);
        var row = Row("C1", "I1", "step-1");
        await stores.Ledger.TryRecordAsync(row, CancellationToken.None);
        var read = await stores.Ledger.GetAsync(row.CustomerId, row.InvoiceId, row.StrategyVersion, row.StepId, CancellationToken.None);
        Assert.NotNull(read);

        var sent = await stores.Ledger.TryUpdateAsync(read.Value with { Outcome = "sent", ActionId = "A-1" }, read.ETag, CancellationToken.None);
        var cancelled = await stores.Ledger.TryUpdateAsync(read.Value with { Outcome = "cancelled" }, read.ETag, CancellationToken.None);

        Assert.Equal(UpdateOutcome.Updated, sent.Outcome);
        Assert.Equal(UpdateOutcome.Conflict, cancelled.Outcome);
        var now = await stores.Ledger.GetAsync(row.CustomerId, row.InvoiceId, row.StrategyVersion, row.StepId, CancellationToken.None);
        Assert.Equal("sent", now?.Value.Outcome);
    }

    [Fact]
    public void ThrowsGivenAStepIdContainingTheSeparator()
    {
        Assert.Throws<ArgumentException>(() => Row("C1", "I1", "step|1").RowKey);
    }

    private static LedgerRow Row(string customerId, string invoiceId, string stepId) => new()
    {
        CustomerId = new CustomerId(customerId),
        InvoiceId = new InvoiceId(invoiceId),
        StrategyVersion = "standard-v3",
        StepId = stepId,
        StrategyId = "standard",
        Outcome = "planned",
        On = new DateOnly(2026, 5, 4),
    };
}
