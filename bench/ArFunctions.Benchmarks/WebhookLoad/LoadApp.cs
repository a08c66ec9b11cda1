using System.Globalization;
using ArFunctions.Application;
using ArFunctions.Local;
using ArFunctions.Storage;
using ArFunctions.WorkerHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>
/// The BUILT function app, started as the Functions host starts it, under <see cref="FunctionsWorkerHost"/> on the
/// given storage, with its own table and queue prefixes; webhooks reach it through the host's HTTP front end, and its
/// queue listener applies the payments. <see cref="Get{T}"/> is the bench's own view of the same tables.
/// </summary>
internal sealed class LoadApp : IAsyncDisposable
{
    /// <summary>A Standard Webhooks secret: whsec_ and the base64 of the key bytes.</summary>
    public const string PaymentsSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string Source = "payments";
    public const int Shards = 16;

    private readonly ServiceProvider _services;

    private LoadApp(FunctionsWorkerHost host, ServiceProvider services, string queuePrefix)
    {
        Host = host;
        _services = services;
        QueuePrefix = queuePrefix;
    }

    public FunctionsWorkerHost Host { get; }

    /// <summary>The host's HTTP front end (the webhook routes are anonymous).</summary>
    public Uri Address => Host.BaseAddress;

    public string QueuePrefix { get; }

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Starts the worker; <paramref name="applyBatchSize"/> is the queue listener's batchSize (host.json's newBatchThreshold is half of it).</summary>
    public static async Task<LoadApp> StartAsync(string connectionString, string outbox, int applyBatchSize, string? appDirectory = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var queuePrefix = "load" + unique + "-";
        var root = LocalAzurite.FindRepositoryRoot();
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DailyRunSchedule"] = "0 0 5 * * *",
            ["ArFunctions__Storage__ConnectionString"] = connectionString,
            ["ArFunctions__Storage__TablePrefix"] = "load" + unique,
            ["ArFunctions__Storage__QueuePrefix"] = queuePrefix,
            ["ArFunctions__Storage__ShardCount"] = Shards.ToString(CultureInfo.InvariantCulture),
            ["ArFunctions__Policy__Path"] = Path.Combine(root, "config", "policy.sample.json"),
            ["ArFunctions__DailyRun__BusinessTimeZone"] = "Europe/Berlin",
            ["ArFunctions__Email__Mode"] = "Pickup",
            ["ArFunctions__Email__PickupFolder"] = outbox,
            ["ArFunctions__Email__SenderAddress"] = "DoNotReply@ar.example.com",
            ["ArFunctions__Email__SenderName"] = "Accounts Receivable",
            ["ArFunctions__Webhooks__Secrets__" + Source] = PaymentsSecret,

            // The framework's Information logs would make the log stream, not the app, the bottleneck; the functions'
            // own line per invocation (its outcome) stays.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__ArFunctions"] = "Information",
        };
        var host = await FunctionsWorkerHost.StartAsync(new WorkerHostOptions
        {
            AppDirectory = appDirectory ?? AppBuildOutput.Find(Path.Combine(root, "src", "ArFunctions.FunctionApp")),
            StorageConnectionString = connectionString,
            Settings = settings,
            QueueSettings = new QueueSettings(BatchSize: applyBatchSize, NewBatchThreshold: applyBatchSize / 2, VisibilityTimeout: TimeSpan.FromSeconds(2), MaxPollingInterval: TimeSpan.FromMilliseconds(200)),
        }).ConfigureAwait(false);
        return new LoadApp(host, BuildServices(settings), queuePrefix);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    private static ServiceProvider BuildServices(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        builder.AddArFunctionsStorage();
        builder.AddArFunctionsApplication();
        return (ServiceProvider)builder.Build().Services;
    }
}
