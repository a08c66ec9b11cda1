using ArFunctions.Storage.Local;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>One Azurite for the function app's tests (in memory, free ports, always stopped).</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private LocalAzurite? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => _azurite = await LocalAzurite.StartAsync(LocalAzurite.FindRepositoryRoot());

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
