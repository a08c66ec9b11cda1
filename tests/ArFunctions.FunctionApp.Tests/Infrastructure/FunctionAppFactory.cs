using ArFunctions.Storage.Local;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.FunctionApp.Tests.Infrastructure;

/// <summary>
/// The whole custom handler in-process on Azurite, with its own table and queue prefixes so test classes do not
/// share state, and a fake clock (business time zone Europe/Berlin).
/// </summary>
public sealed class FunctionAppFactory : WebApplicationFactory<Program>
{
    public const int Shards = 4;

    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;

    public FunctionAppFactory(string connectionString, IDictionary<string, string?>? settings = null)
    {
        _connectionString = connectionString;
        var unique = Guid.NewGuid().ToString("N")[..8];
        TablePrefix = "t" + unique;
        QueuePrefix = "q" + unique + "-";
        _settings = new Dictionary<string, string?>
        {
            ["ArFunctions:Storage:ConnectionString"] = connectionString,
            ["ArFunctions:Storage:TablePrefix"] = TablePrefix,
            ["ArFunctions:Storage:QueuePrefix"] = QueuePrefix,
            ["ArFunctions:Storage:ShardCount"] = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ArFunctions:Policy:Path"] = Path.Combine(LocalAzurite.FindRepositoryRoot(), "config", "policy.sample.json"),
            ["ArFunctions:DailyRun:BusinessTimeZone"] = "Europe/Berlin",
            ["ArFunctions:Email:Mode"] = "Pickup",
            ["ArFunctions:Email:PickupFolder"] = Outbox,
            ["ArFunctions:Email:SenderAddress"] = "DoNotReply@ar.example.com",
            ["ArFunctions:Email:SenderName"] = "Accounts Receivable",
            ["ArFunctions:Email:SendsPerMinute"] = "1000",
            ["ArFunctions:Webhooks:Secrets:stripe"] = StripeSecret,
            ["ArFunctions:Webhooks:Secrets:payments"] = PaymentsSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public const string StripeSecret = "whsec_test_stripe_secret";

    /// <summary>A Standard Webhooks secret: whsec_ and the base64 of the key bytes.</summary>
    public const string PaymentsSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /// <summary>Where the pickup sender writes .eml files for this app.</summary>
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), "arfunctions-outbox-" + Guid.NewGuid().ToString("N")[..8]);

    public string TablePrefix { get; }

    public string QueuePrefix { get; }

    /// <summary>23:30 UTC on 2026-11-22 is already 2026-11-23 in Berlin.</summary>
    public FakeTimeProvider Clock { get; } = BerlinClock();

    /// <summary>A queue of this app (prefixed), read without decoding so the test sees the stored text's base64.</summary>
    public QueueClient Queue(string name) =>
        new(_connectionString, QueuePrefix + name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static FakeTimeProvider BerlinClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        return clock;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}
