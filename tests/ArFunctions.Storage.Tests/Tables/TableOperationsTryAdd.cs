using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Tables;

[Collection(AzuriteCollection.Name)]
public class TableOperationsTryAdd(AzuriteFixture azurite)
{
    [Fact]
    public async Task ReturnsFalseAndKeepsOneRowGivenTheSameEntityTwice()
    {
        var table = await AzuriteTable.CreateAsync(azurite);

        var first = await table.Client.TryAddAsync(new TableEntity("s0001", "I1|v1|step-1") { ["outcome"] = "planned" }, CancellationToken.None);
        var second = await table.Client.TryAddAsync(new TableEntity("s0001", "I1|v1|step-1") { ["outcome"] = "again" }, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal("planned", Assert.Single(await table.AllAsync()).GetString("outcome"));
    }

    [Fact]
    public async Task ThrowsBeforeSendingGivenAnEntityOverALimit()
    {
        var table = await AzuriteTable.CreateAsync(azurite);

        await Assert.ThrowsAsync<StorageLimitException>(() => table.Client.TryAddAsync(EntityLimitsValidate.WithProperties(300), CancellationToken.None));

        Assert.Empty(table.Recorder.Requests);
    }
}
