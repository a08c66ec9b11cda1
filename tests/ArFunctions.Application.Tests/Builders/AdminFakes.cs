using System.Collections.Concurrent;
using ArFunctions.Application.Customers;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Kpis;
using ArFunctions.Application.Policies;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Tests.Builders;

/// <summary>The sample policy file and variants of it.</summary>
public static class SamplePolicy
{
    public static string Json { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"));

    public static CollectionPolicy Policy { get; } = PolicyLoader.Load(Json).Policy!;

    /// <summary>The sample with another document version.</summary>
    public static string WithVersion(string version) => Json.Replace("\"version\": \"2026-11-sample\"", $"\"version\": \"{version}\"", StringComparison.Ordinal);

    /// <summary>The sample with a misspelt feature and an unknown strategy: two errors.</summary>
    public static string Broken { get; } = Json
        .Replace("\"field\": \"balanceRank\"", "\"field\": \"balanceRnk\"", StringComparison.Ordinal)
        .Replace("\"strategy\": \"firm\"", "\"strategy\": \"frim\"", StringComparison.Ordinal);
}

public sealed class FixedPolicySource(CollectionPolicy policy) : IPolicySource
{
    public CollectionPolicy Current => policy;
}

/// <summary>A clock stopped at <c>now</c>.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    /// <summary>The business clock of a business in UTC, stopped at <paramref name="now"/>.</summary>
    public static BusinessClock Business(DateTimeOffset now) => new(new FixedTime(now), TimeZoneInfo.Utc);
}

public sealed class Templates(params string[] ids) : ITemplateCatalog
{
    public IReadOnlySet<string> TemplateIds { get; } = new HashSet<string>(ids, StringComparer.Ordinal);
}

/// <summary>Policy versions in memory, seeded with the sample as version 1; can lose the next <see cref="LoseRaces"/> inserts to a rival.</summary>
public sealed class InMemoryPolicyStore : IPolicyStore
{
    private readonly ConcurrentDictionary<int, StoredPolicy> _versions = new();

    public InMemoryPolicyStore() =>
        _versions[1] = new StoredPolicy(1, SamplePolicy.Json, PolicyHash.Of(SamplePolicy.Json), "2026-11-sample", DateTimeOffset.UnixEpoch, "policy-file", null);

    /// <summary>How many of the next inserts find their number taken by a rival that stores another document under it.</summary>
    public int LoseRaces { get; set; }

    public int Adds { get; private set; }

    public IReadOnlyDictionary<int, StoredPolicy> Versions => _versions;

    public Task<StoredPolicy> GetLatestAsync(CancellationToken cancellationToken) => Task.FromResult(_versions[_versions.Keys.Max()]);

    public Task<StoredPolicy?> FindLatestAsync(CancellationToken cancellationToken) => Task.FromResult<StoredPolicy?>(_versions[_versions.Keys.Max()]);

    public Task<StoredPolicy?> GetAsync(int version, CancellationToken cancellationToken) => Task.FromResult(_versions.GetValueOrDefault(version));

    public Task<IReadOnlyList<PolicyVersionInfo>> GetHistoryAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PolicyVersionInfo>>(_versions.Values.OrderByDescending(v => v.Version)
            .Select(v => new PolicyVersionInfo(v.Version, v.ContentHash, v.PolicyVersion, v.SavedAt, v.SavedBy, v.Note)).ToArray());

    public Task<bool> TryAddAsync(StoredPolicy policy, CancellationToken cancellationToken)
    {
        Adds++;
        if (LoseRaces > 0)
        {
            LoseRaces--;
            var rival = SamplePolicy.WithVersion("rival-" + policy.Version);
            _versions.TryAdd(policy.Version, policy with { Document = rival, ContentHash = PolicyHash.Of(rival), PolicyVersion = "rival-" + policy.Version, SavedBy = "rival" });
            return Task.FromResult(false);
        }

        return Task.FromResult(_versions.TryAdd(policy.Version, policy));
    }
}

public sealed class InMemoryKpis(params KpiDay[] days) : IKpiSnapshotStore
{
    public List<(DateOnly From, DateOnly To)> Reads { get; } = [];

    public Task<IReadOnlyList<KpiDay>> GetRangeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        Reads.Add((from, to));
        return Task.FromResult<IReadOnlyList<KpiDay>>(days.Where(d => d.AsOf >= from && d.AsOf <= to).OrderBy(d => d.AsOf).ToArray());
    }
}

public sealed class InMemoryCustomerRecords(params CustomerRecordSet[] records) : ICustomerRecordStore
{
    public Task<CustomerRecordSet?> GetAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        Task.FromResult(records.FirstOrDefault(r => r.Customer.Id == customerId));
}

/// <summary>The last completed run is of <paramref name="lastAsOf"/>, or none when null.</summary>
public sealed class CompletedRuns(DateOnly? lastAsOf) : ICompletedRuns
{
    public Task<RunRecord?> GetLastCompletedAsync(CancellationToken cancellationToken) =>
        Task.FromResult(lastAsOf is { } asOf ? new RunRecord(asOf, "v1", 1, RunStatus.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch) : null);
}
