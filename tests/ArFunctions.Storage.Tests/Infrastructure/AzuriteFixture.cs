using ArFunctions.Local;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ArFunctions.Storage.Tests.Infrastructure;

/// <summary>
/// An Azurite emulator for the tests (<see cref="LocalAzurite"/>: in memory, free ports, always stopped). Set
/// ARFUNCTIONS_TEST_STORAGE to a connection string to use a running emulator instead.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "ARFUNCTIONS_TEST_STORAGE";

    private readonly string? _existingConnectionString;
    private LocalAzurite? _azurite;

    public AzuriteFixture()
        : this(Environment.GetEnvironmentVariable(EnvironmentVariable))
    {
    }

    /// <param name="existingConnectionString">An emulator to use; null or empty starts one.</param>
    internal AzuriteFixture(string? existingConnectionString)
    {
        _existingConnectionString = string.IsNullOrWhiteSpace(existingConnectionString) ? null : existingConnectionString;
    }

    public string ConnectionString { get; private set; } = "";

    /// <summary>The id of the Azurite process this fixture started; null when it uses an existing emulator.</summary>
    public int? ProcessId => _azurite?.ProcessId;

    public async Task InitializeAsync()
    {
        if (_existingConnectionString is not null)
        {
            ConnectionString = _existingConnectionString;
            await LocalAzurite.WaitForTablesAsync(ConnectionString);
            return;
        }

        _azurite = await LocalAzurite.StartAsync(FindRepositoryRoot());
        ConnectionString = _azurite.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    public StorageOptions CreateOptions(string tablePrefix, int shardCount = StorageOptions.DefaultShardCount) => new()
    {
        ConnectionString = ConnectionString,
        TablePrefix = tablePrefix,
        ShardCount = shardCount,
    };

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        new(ConnectionString, options ?? new TableClientOptions());

    /// <summary>A queue client that does no encoding: it sees message text exactly as stored.</summary>
    public QueueClient CreateRawQueueClient(string queueName) =>
        new(ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    /// <summary>A name no other test uses: starts with a letter, then lower-case letters and digits.</summary>
    public static string UniqueName(string stem) => stem + Guid.NewGuid().ToString("N")[..10];

    internal static string FindRepositoryRoot() => LocalAzurite.FindRepositoryRoot();
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
