using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArFunctions.Application;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Samples;
using ArFunctions.Storage;
using ArFunctions.Storage.Stores;
using ArFunctions.WorkerHost;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>
/// The BUILT function app, started as the Functions host starts it, under <see cref="FunctionsWorkerHost"/> on Azurite,
/// with its own table and queue prefixes so tests do not share state; plus the test's own view of the same storage
/// (stores built by the app's own <c>Add*</c> extensions) to seed data and look at what the app wrote.
/// </summary>
public sealed class WorkerApp : IAsyncDisposable
{
    public const int Shards = 4;

    public const string BusinessTimeZone = "Europe/Berlin";

    public const string StripeSecret = "whsec_test_stripe_secret_for_the_worker_tests";

    /// <summary>A Standard Webhooks secret: whsec_ and the base64 of the key bytes.</summary>
    public const string PaymentsSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly ServiceProvider _services;

    private WorkerApp(FunctionsWorkerHost host, ServiceProvider services, string connectionString, string queuePrefix, string outbox)
    {
        Host = host;
        _services = services;
        ConnectionString = connectionString;
        QueuePrefix = queuePrefix;
        Outbox = outbox;
        Client = host.CreateClient();
    }

    /// <summary>Today in the business time zone: the date the app's daily run opens.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(BusinessTimeZone)).DateTime);

    public FunctionsWorkerHost Host { get; }

    /// <summary>A client of the host's HTTP front end that sends the function key.</summary>
    public HttpClient Client { get; }

    public string ConnectionString { get; }

    public string QueuePrefix { get; }

    /// <summary>Where the pickup sender writes .eml files for this app.</summary>
    public string Outbox { get; }

    /// <summary>
    /// Starts the worker with the test settings (names as app settings, <c>__</c>-separated), overridden or extended by
    /// <paramref name="settings"/>; a null value removes a setting.
    /// </summary>
    public static async Task<WorkerApp> StartAsync(string connectionString, IDictionary<string, string?>? settings = null, QueueSettings? queues = null)
    {
        var values = DefaultSettings(connectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        var host = await FunctionsWorkerHost.StartAsync(new WorkerHostOptions
        {
            AppDirectory = AppBuild.Directory,
            StorageConnectionString = connectionString,
            Settings = values,
            QueueSettings = queues ?? new QueueSettings(VisibilityTimeout: TimeSpan.FromSeconds(1), MaxPollingInterval: TimeSpan.FromMilliseconds(200)),
        });
        return new WorkerApp(host, TestServices(values), connectionString, values["ArFunctions__Storage__QueuePrefix"]!, values["ArFunctions__Email__PickupFolder"]!);
    }

    /// <summary>The test app's settings (app-setting names), with a table and queue prefix and an outbox of its own.</summary>
    public static Dictionary<string, string?> DefaultSettings(string connectionString)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DailyRunSchedule"] = "0 0 5 * * *",
            ["ArFunctions__Storage__ConnectionString"] = connectionString,
            ["ArFunctions__Storage__TablePrefix"] = "t" + unique,
            ["ArFunctions__Storage__QueuePrefix"] = "q" + unique + "-",
            ["ArFunctions__Storage__ShardCount"] = Shards.ToString(CultureInfo.InvariantCulture),
            ["ArFunctions__Policy__Path"] = Path.Combine(Repository.Root, "config", "policy.sample.json"),
            ["ArFunctions__DailyRun__BusinessTimeZone"] = BusinessTimeZone,
            ["ArFunctions__Email__Mode"] = "Pickup",
            ["ArFunctions__Email__PickupFolder"] = Path.Combine(Path.GetTempPath(), "arfunctions-outbox-" + unique),
            ["ArFunctions__Email__SenderAddress"] = "DoNotReply@ar.example.com",
            ["ArFunctions__Email__SenderName"] = "Accounts Receivable",
            ["ArFunctions__Email__SendsPerMinute"] = "1000",
            ["ArFunctions__Webhooks__Secrets__stripe"] = StripeSecret,
            ["ArFunctions__Webhooks__Secrets__payments"] = PaymentsSecret,
        };
    }

    /// <summary>A store or use case of the test's own view of the app's storage.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A queue of this app by its base name (<see cref="QueueNames"/>), read without decoding so the test sees the stored text.</summary>
    public QueueClient Queue(string baseName) =>
        new(ConnectionString, QueuePrefix + baseName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>Seeds the deterministic sample portfolio as of <see cref="Today"/>.</summary>
    public async Task<Portfolio> SeedAsync(int customers = 60)
    {
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = customers, AsOf = Today, Seed = 7 });
        await Get<CustomerStore>().UpsertAsync(portfolio.Customers, CancellationToken.None);
        await Get<InvoiceStore>().UpsertAsync(portfolio.Invoices, CancellationToken.None);
        await Get<PaymentStore>().UpsertAsync(portfolio.Payments, CancellationToken.None);
        await Get<InteractionStore>().UpsertAsync(portfolio.Interactions, CancellationToken.None);
        return portfolio;
    }

    /// <summary>The morning: the timer fires, then the host's queue listener works through every shard.</summary>
    public async Task RunDayAsync(bool isPastDue = false)
    {
        var timer = await Host.InvokeTimerAsync("DailyRun", isPastDue);
        Assert.True(timer.Succeeded, $"DailyRun failed: {timer.Error}");
        await DrainAsync("ProcessShard");
    }

    /// <summary>The host's queue listener on the queues of <paramref name="functions"/> until they are empty; every invocation must succeed.</summary>
    public async Task<DrainReport> DrainAsync(params string[] functions)
    {
        var report = await Host.Queues.DrainAsync(functions, TimeSpan.FromMinutes(3));
        var failed = report.Invocations.Where(i => !i.Succeeded).ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed.Select(f => $"{f.Function} {f.MessageId} (delivery {f.DequeueCount}): {f.Error}")));
        return report;
    }

    /// <summary>
    /// At-least-once delivery made visible: every message of the queue is delivered to <paramref name="function"/>
    /// <paramref name="deliveries"/> times (DequeueCount 1, 2, ...) before it is deleted. Returns every invocation.
    /// </summary>
    public async Task<List<InvocationResult>> DeliverEachAsync(string baseQueue, string function, int deliveries)
    {
        var results = new List<InvocationResult>();
        var queue = Queue(baseQueue);
        await queue.CreateIfNotExistsAsync();
        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                for (var delivery = 1; delivery <= deliveries; delivery++)
                {
                    var result = await Host.InvokeQueueAsync(function, message.Body.ToString(), delivery, message.MessageId);
                    Assert.True(result.Succeeded, $"{function} failed: {result.Error}");
                    results.Add(result);
                }

                try
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
                catch (Azure.RequestFailedException e) when (e.Status == 404)
                {
                    // Azurite sometimes loses a just-received message's receipt; it is gone either way.
                }
            }
        }

        return results;
    }

    /// <summary>The categories of the function classes' own log lines.</summary>
    public const string FunctionsCategory = "ArFunctions.FunctionApp.";

    /// <summary>
    /// The function classes' log lines that contain <paramref name="text"/>, once there are at least <paramref name="count"/>
    /// of them (or after five seconds: the worker streams its logs beside the invocation's answer, not inside it).
    /// </summary>
    public async Task<List<string>> LogsAsync(string text, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var lines = Host.Logs.Where(l => l.Category.StartsWith(FunctionsCategory, StringComparison.Ordinal)).Select(l => l.Message).Where(m => m.Contains(text, StringComparison.Ordinal)).ToList();
            if (lines.Count >= count || DateTime.UtcNow > deadline)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    /// <summary>
    /// A client of a signed-in person: it sends <paramref name="principal"/> (<see cref="Principals.Of"/>) as the platform
    /// would, and no function key (people routes do not take one). The app must trust principals (platform
    /// authentication on, or the development source) for it to count.
    /// </summary>
    public HttpClient SignedIn(string principal)
    {
        var client = Host.CreateClient(sendKey: false);
        client.DefaultRequestHeaders.Add(Principals.Header, principal);
        _signedIn.Add(client);
        return client;
    }

    private readonly List<HttpClient> _signedIn = [];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _signedIn.ForEach(client => client.Dispose());
        await Host.DisposeAsync();
        await _services.DisposeAsync();
        if (Directory.Exists(Outbox))
        {
            Directory.Delete(Outbox, recursive: true);
        }
    }

    /// <summary>The stores over the same tables, built as the app builds them (settings in configuration's <c>:</c> form).</summary>
    public static ServiceProvider TestServices(Dictionary<string, string?> settings, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        builder.AddArFunctionsStorage();
        builder.AddArFunctionsApplication();
        configure?.Invoke(builder);
        return (ServiceProvider)builder.Build().Services;
    }
}

/// <summary>Reads JSON answers.</summary>
public static class HttpResponseJson
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        WorkerApp.Json(await response.Content.ReadAsStringAsync());

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) =>
        client.PostAsJsonAsync(path, body);

    /// <summary>The body of a 400 answer, which must be problem+json.</summary>
    public static async Task<JsonElement> ReadBadRequestProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync();
    }

    /// <summary>The fields a problem's <c>errors</c> name, in order.</summary>
    public static List<string?> ErrorFields(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString())];
}

/// <summary>Where the build of the function app this test project references sits (same configuration as the tests).</summary>
public static class AppBuild
{
    public static string Directory { get; } = AppBuildOutput.Find(Repository.FunctionAppProject);
}
