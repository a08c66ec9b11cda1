using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public class TableOperationsTryUpdate(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReportsConflictAndKeepsTheWinnerGivenAStaleETag()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        await table.Client.AddEntityAsync(new TableEntity("s0001", "r") { ["owner"] = "nobody" });
        var read = (await table.Client.GetEntityAsync<TableEntity>("s0001", "r")).Value;

        var winner = await table.Client.TryUpdateAsync(new TableEntity("s0001", "r") { ["owner"] = "first" }, read.ETag, TableUpdateMode.Replace, CancellationToken.None);
        var loser = await table.Client.TryUpdateAsync(new TableEntity("s0001", "r") { ["owner"] = "second" }, read.ETag, TableUpdateMode.Replace, CancellationToken.None);

        Assert.Equal(UpdateOutcome.Updated, winner.Outcome);
        Assert.NotEqual(read.ETag, winner.ETag);
        Assert.Equal(UpdateOutcome.Conflict, loser.Outcome);
        Assert.False(loser.Succeeded);
        Assert.Equal("first", Assert.Single(await table.AllAsync()).GetString("owner"));
    }

    [Fact]
    public async Task ReportsNotFoundGivenADeletedEntity()
    {
        var table = await AzuriteTable.CreateAsync(azurite);
        await table.Client.AddEntityAsync(new TableEntity("s0001", "r"));
        var read = (await table.Client.GetEntityAsync<TableEntity>("s0001", "r")).Value;
        await table.Client.DeleteEntityAsync("s0001", "r", ETag.All);

        var result = await table.Client.TryUpdateAsync(new TableEntity("s0001", "r"), read.ETag, TableUpdateMode.Replace, CancellationToken.None);

        Assert.Equal(UpdateOutcome.NotFound, result.Outcome);
    }
}
