using ArFunctions.Samples;
using ArFunctions.Storage.Tests.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage.Tests.Admin;

/// <summary>A clock stopped at one instant.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The daily run of <see cref="DailyRunHarness"/> with the clock stopped on <see cref="Day"/>, and a small seeded portfolio.</summary>
public static class AdminHarness
{
    public static readonly DateOnly Day = new(2026, 11, 23);

    public static async Task<DailyRunHarness> CreateAsync(AzuriteFixture azurite, int customers = 0)
    {
        var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 4,
            services => services.AddSingleton<TimeProvider>(new StoppedClock(new DateTimeOffset(Day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero))));
        if (customers > 0)
        {
            await harness.SeedAsync(PortfolioGenerator.Generate(new PortfolioOptions { Customers = customers, Seed = 7, AsOf = Day }));
        }

        return harness;
    }

    public static string SampleJson { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"));

    public static string SampleWithVersion(string version) =>
        SampleJson.Replace("\"version\": \"2026-11-sample\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);

    /// <summary>
    /// Every row of every table of the harness (keys and ETag, so any write shows) and the message count of every
    /// queue: two equal snapshots mean nothing was written in between.
    /// </summary>
    public static async Task<SortedDictionary<string, string>> SnapshotAsync(DailyRunHarness harness)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tables = harness.Get<TableServiceClient>();
        var prefix = harness.Get<Storage.Tables.StorageTables>().Prefix;
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            snapshot["table " + table.Name] = "";
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                snapshot[$"{table.Name}/{entity.PartitionKey}/{entity.RowKey}"] = entity.ETag.ToString();
            }
        }

        var queues = harness.Get<QueueServiceClient>();
        var queuePrefix = harness.Get<IOptions<StorageOptions>>().Value.QueuePrefix;
        await foreach (var queue in queues.GetQueuesAsync(prefix: queuePrefix))
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            snapshot["queue " + queue.Name] = properties.Value.ApproximateMessagesCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return snapshot;
    }
}
