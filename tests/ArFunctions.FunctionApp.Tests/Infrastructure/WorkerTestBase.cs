namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>A fresh worker process per test on the shared Azurite (<see cref="WorkerApp"/>).</summary>
public abstract class WorkerTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    protected static DateOnly Today => WorkerApp.Today;

    protected WorkerApp App { get; private set; } = null!;

    protected HttpClient Client => App.Client;

    public virtual async Task InitializeAsync() => App = await WorkerApp.StartAsync(azurite.ConnectionString, Settings());

    public virtual async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    /// <summary>Settings a test class adds to (or, with null, removes from) the worker's.</summary>
    protected virtual IDictionary<string, string?>? Settings() => null;
}
