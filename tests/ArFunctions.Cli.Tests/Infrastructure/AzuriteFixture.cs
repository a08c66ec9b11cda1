using ArFunctions.Storage.Local;

namespace ArFunctions.Cli.Tests.Infrastructure;

/// <summary>
/// An Azurite emulator for the tests (<see cref="LocalAzurite"/>: in memory, free ports, always stopped). Set
/// ARFUNCTIONS_TEST_STORAGE to a connection string to use a running emulator instead.
/// </summary>
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

    /// <summary>A table prefix no other test uses (a letter, then letters and digits).</summary>
    public static string UniquePrefix(string stem) => stem + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>One emulator for the project; its tests run one after another, since the commands write to the one console.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
