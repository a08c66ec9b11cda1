using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public class TableOperationsStreamPartition(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReturnsAllEntitiesInOrderGivenTwentyFiveHundredInOnePartition()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        await TableBatchWriter.SubmitAsync(table.Client, TableBatchWriterPlan.Upserts("s0007", 2500), CancellationToken.None);
        await TableBatchWriter.SubmitAsync(table.Client, TableBatchWriterPlan.Upserts("s0008", 30), CancellationToken.None);
        table.Recorder.Clear();

        var rowKeys = new List<string>();
        await foreach (var entity in table.Client.StreamPartitionAsync<TableEntity>("s0007", CancellationToken.None))
        {
            rowKeys.Add(entity.RowKey);
        }

        Assert.Equal(TableBatchWriterPlan.Upserts("s0007", 2500).Select(a => a.Entity.RowKey), rowKeys);
        Assert.Equal(3, table.Recorder.Requests.Count(r => r.Method == "GET"));
    }
}
