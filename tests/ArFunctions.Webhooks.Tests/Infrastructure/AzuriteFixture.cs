using ArFunctions.Storage.Local;

namespace ArFunctions.Webhooks.Tests.Infrastructure;

/// <summary>An in-memory Azurite on free ports for this test project, always stopped (ARFUNCTIONS_TEST_STORAGE uses a running one).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private LocalAzurite? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var existing = Environment.GetEnvironmentVariable("ARFUNCTIONS_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(existing))
        {
            ConnectionString = existing;
            await LocalAzurite.WaitForTablesAsync(existing);
            return;
        }

        _azurite = await LocalAzurite.StartAsync(LocalAzurite.FindRepositoryRoot());
        ConnectionString = _azurite.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
