using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Storage.Policies;

/// <summary>
/// The policy in force is the latest version in the Policy table (<see cref="TablePolicyStore"/>; seeded from the
/// policy file when empty, if one is named; with none, reading an empty table fails saying so). It is cached for <see cref="CacheDuration"/>: a version saved by another instance is used
/// from the first read after that; one saved through this instance's store, from the next read.
/// </summary>
public sealed class TablePolicySource(TablePolicyStore store, TimeProvider time) : IPolicySource
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    private volatile Cached? _cached;

    /// <summary>The cached policy; when stale, refreshed synchronously (blocks on storage). Prefer <see cref="GetCurrentAsync"/>.</summary>
    public CollectionPolicy Current => IsFresh(_cached) is { } fresh ? fresh.Policy : GetCurrentAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>The version number of the cached policy; 0 before the first read.</summary>
    public int CachedVersion => _cached?.Version ?? 0;

    public async ValueTask<CollectionPolicy> GetCurrentAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_cached) is { } fresh)
        {
            return fresh.Policy;
        }

        // Concurrent refreshes are harmless (same read, same result); not worth a lock.
        var latest = await store.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        if (_cached is { } newer && newer.Version > latest.Version)
        {
            return newer.Policy;
        }

        var policy = _cached is { } old && old.Version == latest.Version ? old.Policy : Parse(latest.Version, latest.Document);
        _cached = new Cached(latest.Version, policy, time.GetUtcNow() + CacheDuration);
        return policy;
    }

    private Cached? IsFresh(Cached? cached) =>
        cached is not null && cached.Until > time.GetUtcNow() && store.LastAddedVersion <= cached.Version ? cached : null;

    /// <summary>Stored versions were valid when saved; one that no longer loads (after an upgrade) is a broken invariant.</summary>
    private static CollectionPolicy Parse(int version, string document)
    {
        var loaded = PolicyLoader.Load(document);
        return loaded.IsValid
            ? loaded.Policy
            : throw new InvalidOperationException($"Stored policy version {version} no longer loads: {string.Join("; ", loaded.Errors)}");
    }

    private sealed record Cached(int Version, CollectionPolicy Policy, DateTimeOffset Until);
}
