using ArFunctions.Storage.Local;

namespace ArFunctions.Email.Tests.Infrastructure;

/// <summary>An Azurite emulator for the tests (in memory, free ports, always stopped); ARFUNCTIONS_TEST_STORAGE names a running one instead.</summary>
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
            await LocalAzurite.WaitForTablesAsync(ConnectionString);
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

    /// <summary>A name no other test uses: starts with a letter, then lower-case letters and digits.</summary>
    public static string UniqueName(string stem) => stem + Guid.NewGuid().ToString("N")[..10];
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
