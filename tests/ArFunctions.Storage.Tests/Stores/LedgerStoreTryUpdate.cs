using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Builders;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Stores;

[Collection(AzuriteCollection.Name)]
public class LedgerStoreTryUpdate(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReportsConflictGivenAnUpdateFromAStaleRead()
    {
        var stores = new StoreHarness(azurite);
        var row = Generate.LedgerRow("C1", "I1", "step-1");
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
}
