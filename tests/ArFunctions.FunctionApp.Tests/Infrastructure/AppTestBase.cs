using ArFunctions.Samples;
using ArFunctions.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>A fresh function app per test class on the shared Azurite, with helpers to seed a small sample portfolio.</summary>
public abstract class AppTestBase(AzuriteFixture azurite) : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    protected FunctionAppFactory App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        App = new FunctionAppFactory(azurite.ConnectionString, Settings());
        ConfigureApp(App);
        Client = App.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Configures the factory before it starts (a browser test serves it with Kestrel on a real port).</summary>
    protected virtual void ConfigureApp(FunctionAppFactory app)
    {
    }

    /// <summary>Settings a test class adds to (or overrides in) the factory's.</summary>
    protected virtual IDictionary<string, string?> Settings() => new Dictionary<string, string?>();

    protected T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Seeds the deterministic sample portfolio as of <see cref="Today"/>.</summary>
    protected async Task<Portfolio> SeedAsync(int customers = 60)
    {
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = customers, AsOf = Today, Seed = 7 });
        await Get<CustomerStore>().UpsertAsync(portfolio.Customers, CancellationToken.None);
        await Get<InvoiceStore>().UpsertAsync(portfolio.Invoices, CancellationToken.None);
        await Get<PaymentStore>().UpsertAsync(portfolio.Payments, CancellationToken.None);
        await Get<InteractionStore>().UpsertAsync(portfolio.Interactions, CancellationToken.None);
        return portfolio;
    }
}
