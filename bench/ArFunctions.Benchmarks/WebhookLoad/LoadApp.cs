using System.Globalization;
using System.Net;
using ArFunctions.Application;
using ArFunctions.Email;
using ArFunctions.FunctionApp;
using ArFunctions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>
/// The function app as its Program.cs builds it (same extensions, same endpoints), on Kestrel on a free loopback
/// port, with its own table and queue prefixes on the given storage. Logging is at Warning so the console is not the bottleneck.
/// </summary>
internal sealed class LoadApp : IAsyncDisposable
{
    /// <summary>A Standard Webhooks secret: whsec_ and the base64 of the key bytes.</summary>
    public const string PaymentsSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string Source = "payments";
    public const int Shards = 16;

    private readonly WebApplication _app;

    private LoadApp(WebApplication app, Uri address, string tablePrefix, string queuePrefix)
    {
        _app = app;
        Address = address;
        TablePrefix = tablePrefix;
        QueuePrefix = queuePrefix;
    }

    public Uri Address { get; }

    public string TablePrefix { get; }

    public string QueuePrefix { get; }

    public IServiceProvider Services => _app.Services;

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<LoadApp> StartAsync(string connectionString, string outbox)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var tablePrefix = "load" + unique;
        var queuePrefix = "load" + unique + "-";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ArFunctions:Storage:ConnectionString"] = connectionString,
            ["ArFunctions:Storage:TablePrefix"] = tablePrefix,
            ["ArFunctions:Storage:QueuePrefix"] = queuePrefix,
            ["ArFunctions:Storage:ShardCount"] = Shards.ToString(CultureInfo.InvariantCulture),
            ["ArFunctions:Policy:Path"] = Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"),
            ["ArFunctions:DailyRun:BusinessTimeZone"] = "Europe/Berlin",
            ["ArFunctions:Email:Mode"] = "Pickup",
            ["ArFunctions:Email:PickupFolder"] = outbox,
            ["ArFunctions:Email:SenderAddress"] = "DoNotReply@ar.example.com",
            ["ArFunctions:Email:SenderName"] = "Accounts Receivable",
            ["ArFunctions:Webhooks:Secrets:" + Source] = PaymentsSecret,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddArFunctionsStorage();
        builder.AddArFunctionsApplication();
        builder.AddArFunctionsEmail();
        builder.AddArFunctionsFunctionApp();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var app = builder.Build();
        app.MapArFunctions();
        await app.StartAsync().ConfigureAwait(false);
        return new LoadApp(app, new Uri(app.Urls.First()), tablePrefix, queuePrefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
