using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public class TableBatchWriterSubmit(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendsThreeTransactionsGivenTwoHundredFiftyEntitiesOfOnePartition()
    {
        var table = await AzuriteTable.CreateAsync(azurite);

        var transactions = await TableBatchWriter.SubmitAsync(table.Client, TableBatchWriterPlan.Upserts("s0001", 250), CancellationToken.None);

        Assert.Equal(3, transactions);
        Assert.Equal(3, table.Recorder.Transactions);
        Assert.Equal(250, (await table.AllAsync()).Count);
    }

    [Fact]
    public async Task SendsNothingGivenActionsOfTwoPartitions()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        var mixed = TableBatchWriterPlan.Upserts("s0001", 150).Concat(TableBatchWriterPlan.Upserts("s0002", 10)).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => TableBatchWriter.SubmitAsync(table.Client, mixed, CancellationToken.None));

        Assert.Empty(table.Recorder.Requests);
        Assert.Empty(await table.AllAsync());
    }

    [Fact]
    public async Task NeverSpansTwoPartitionsInOneTransactionGivenAGroupedMixedSet()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        var mixed = new List<TableTransactionAction>();
        for (var i = 0; i < 450; i++)
        {
            mixed.Add(TableBatchWriterPlan.Upsert($"s000{i % 3}", $"r{i:D4}"));
        }

        var transactions = await TableBatchWriter.SubmitGroupedAsync(table.Client, mixed, CancellationToken.None);

        // 150 per partition: 100 + 50 each. A transaction over partitions would have made fewer, larger ones.
        Assert.Equal(6, transactions);
        Assert.Equal(6, table.Recorder.Transactions);
        var stored = await table.AllAsync();
        Assert.Equal(450, stored.Count);
        Assert.Equal(3, stored.Select(e => e.PartitionKey).Distinct().Count());
    }

    [Fact]
    public async Task SplitsAtFourMiBGivenLargeEntitiesThatAzureWouldRefuseInOneTransaction()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        var actions = Enumerable.Range(0, 12)
            .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, TableBatchWriterPlan.Large("s0001", $"r{i:D2}")))
            .ToList();

        // The premise: the service refuses these 12 entities (about 5.8 MB) as one transaction.
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => table.Client.SubmitTransactionAsync(actions));

        var transactions = await TableBatchWriter.SubmitAsync(table.Client, actions, CancellationToken.None);

        Assert.Equal(2, transactions);
        Assert.Equal(12, (await table.AllAsync()).Count);
    }

    [Fact]
    public async Task SendsNothingGivenOneEntityOverALimitLateInTheSet()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        var actions = TableBatchWriterPlan.Upserts("s0001", 150);
        actions[120] = new TableTransactionAction(TableTransactionActionType.UpsertReplace, EntityLimitsValidate.WithProperties(253, "s0001", "too-wide"));

        var error = await Assert.ThrowsAsync<StorageLimitException>(() => TableBatchWriter.SubmitAsync(table.Client, actions, CancellationToken.None));

        Assert.Equal("too-wide", error.RowKey);
        Assert.Empty(table.Recorder.Requests);
        Assert.Empty(await table.AllAsync());
    }

    [Fact]
    public async Task AppliesActionsInOrderGivenTwoWritesOfOneRow()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        var actions = new[]
        {
            TableBatchWriterPlan.Upsert("s0001", "a"),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("s0001", "a") { ["value"] = "second" }),
        };

        await TableBatchWriter.SubmitAsync(table.Client, actions, CancellationToken.None);

        Assert.Equal("second", Assert.Single(await table.AllAsync()).GetString("value"));
    }
}
