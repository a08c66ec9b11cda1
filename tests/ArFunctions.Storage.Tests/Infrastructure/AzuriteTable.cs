using ArFunctions.Local;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Infrastructure;

/// <summary>A fresh table of its own for one test, with every request to it recorded.</summary>
public sealed class AzuriteTable
{
    private AzuriteTable(TableClient client, StorageCallRecorder recorder)
    {
        Client = client;
        Recorder = recorder;
    }

    public TableClient Client { get; }

    public StorageCallRecorder Recorder { get; }

    public static async Task<AzuriteTable> CreateAsync(AzuriteFixture fixture)
    {
        var recorder = new StorageCallRecorder();
        var client = fixture.CreateTableServiceClient(recorder.Options()).GetTableClient(AzuriteFixture.UniqueName("t"));
        await client.CreateAsync();
        recorder.Clear();
        return new AzuriteTable(client, recorder);
    }

    public async Task<List<TableEntity>> AllAsync() => await Client.QueryAsync<TableEntity>().ToListAsync();
}
