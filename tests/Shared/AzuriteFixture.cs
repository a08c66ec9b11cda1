using ArFunctions.Local;

namespace ArFunctions.Testing;

/// <summary>
/// One Azurite emulator per test project (<see cref="LocalAzurite"/>: in memory, free ports, always stopped). Set
/// ARFUNCTIONS_TEST_STORAGE to a connection string to use a running emulator instead. This file is compiled into each
/// test project that needs it (tests/Shared), so every project gets its own collection and its own emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "ARFUNCTIONS_TEST_STORAGE";

    private LocalAzurite? _azurite;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var existing = Environment.GetEnvironmentVariable(EnvironmentVariable);
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

    /// <summary>A name no other test uses (table prefix, queue stem): a letter, then lower-case letters and digits.</summary>
    public static string UniqueName(string stem) => stem + Guid.NewGuid().ToString("N")[..10];
}

/// <summary>The tests that share the emulator; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
