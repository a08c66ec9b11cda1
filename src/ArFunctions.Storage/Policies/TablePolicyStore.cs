using System.Globalization;
using ArFunctions.Application.Policies;
using ArFunctions.Domain.Policies;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArFunctions.Storage.Policies;

/// <summary>
/// Policy versions in one partition of the Policy table. RowKey = 999999999 minus the version, zero-padded, so the
/// latest version is the first row of the partition and a new version is a conditional insert of a key nobody else
/// can also insert. The document is kept gzip-compressed (<see cref="StorageJson"/>). An empty table is seeded with
/// the policy file (<see cref="PolicyOptions.Path"/>) as version 1; an invalid file (or one naming a template the
/// deployment does not ship) then fails the read with every error. An empty path seeds nothing (the CLI's choice:
/// it saves only the policy it is given).
/// </summary>
public sealed partial class TablePolicyStore(
    StorageTables tables, IOptions<PolicyOptions> options, TimeProvider time, ILogger<TablePolicyStore> logger, Application.Ports.ITemplateCatalog? templates = null) : IPolicyStore
{
    public const string Partition = "policy";
    public const string SeededBy = "policy-file";
    private const int MaxVersion = 999_999_999;
    private static readonly string[] InfoColumns = ["version", "hash", "policyVersion", "savedAt", "savedBy", "note"];

    private readonly TableHandle _table = tables.Get(StorageTables.Policy);
    private int _lastAdded;

    /// <summary>The highest version this instance stored; lets a cache in the same process notice its own saves at once.</summary>
    public int LastAddedVersion => Volatile.Read(ref _lastAdded);

    public static string RowKey(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return (MaxVersion - version).ToString("D9", CultureInfo.InvariantCulture);
    }

    public async Task<StoredPolicy> GetLatestAsync(CancellationToken cancellationToken) =>
        await FindLatestAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException(
            $"No policy is stored yet and no policy file is named ({PolicyOptions.SectionName}:Path is empty): save one first (PUT /api/policy, or arfn import --policy FILE).");

    public async Task<StoredPolicy?> FindLatestAsync(CancellationToken cancellationToken)
    {
        var latest = await ReadLatestAsync(cancellationToken).ConfigureAwait(false);
        if (latest is not null || string.IsNullOrWhiteSpace(options.Value.Path))
        {
            return latest;
        }

        await TryAddAsync(Seed(), cancellationToken).ConfigureAwait(false);
        return await ReadLatestAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The policy table is empty right after it was seeded.");
    }

    public async Task<StoredPolicy?> GetAsync(int version, CancellationToken cancellationToken)
    {
        if (version is < 1 or > MaxVersion)
        {
            return null;
        }

        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(Partition, RowKey(version), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToPolicy(entity);
    }

    public async Task<IReadOnlyList<PolicyVersionInfo>> GetHistoryAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<PolicyVersionInfo>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, TableOperations.PageSize, InfoColumns, cancellationToken).ConfigureAwait(false))
        {
            versions.Add(ToInfo(entity));
        }

        return versions;
    }

    public async Task<bool> TryAddAsync(StoredPolicy policy, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, RowKey(policy.Version))
        {
            ["version"] = policy.Version,
            ["hash"] = policy.ContentHash,
            ["policyVersion"] = policy.PolicyVersion,
            ["savedAt"] = policy.SavedAt,
            ["savedBy"] = policy.SavedBy,
            ["note"] = policy.Note,
        };
        StorageJson.Write(entity, policy.Document);
        if (!await table.TryAddAsync(entity, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        int seen;
        while ((seen = Volatile.Read(ref _lastAdded)) < policy.Version && Interlocked.CompareExchange(ref _lastAdded, policy.Version, seen) != seen)
        {
        }

        LogStored(policy.Version);
        return true;
    }

    private async Task<StoredPolicy?> ReadLatestAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            // The service may return an empty page with a continuation token; keep reading until a row or the end.
            if (page.Values.Count > 0)
            {
                return ToPolicy(page.Values[0]);
            }
        }

        return null;
    }

    private StoredPolicy Seed()
    {
        var path = options.Value.Path;
        var full = FilePolicySource.ResolvePath(path);
        var document = File.Exists(full) ? File.ReadAllText(full) : null;
        var loaded = document is null
            ? new PolicyLoadResult(null, [new PolicyError("$", $"no policy file at '{full}' (setting {PolicyOptions.SectionName}:Path)")])
            : PolicyLoader.Load(document, new PolicyLoadOptions { KnownTemplates = templates?.TemplateIds });
        if (document is null || !loaded.IsValid)
        {
            throw new OptionsValidationException(PolicyOptions.SectionName, typeof(PolicyOptions), loaded.Errors.Select(e => e.ToString()));
        }

        return new StoredPolicy(1, document, PolicyHash.Of(document), loaded.Policy.Version, time.GetUtcNow(), SeededBy, "seeded from " + path);
    }

    private static StoredPolicy ToPolicy(TableEntity entity)
    {
        var info = ToInfo(entity);
        return new StoredPolicy(info.Version, StorageJson.Read<string>(entity), info.ContentHash, info.PolicyVersion, info.SavedAt, info.SavedBy, info.Note);
    }

    private static PolicyVersionInfo ToInfo(TableEntity entity) => new(
        Mapping.EntityValues.RequiredInt(entity, "version"),
        Mapping.EntityValues.RequiredString(entity, "hash"),
        entity.GetString("policyVersion") ?? PolicyLoader.DefaultVersion,
        entity.GetDateTimeOffset("savedAt") ?? throw Mapping.EntityValues.Broken(entity, "savedAt", "is missing"),
        entity.GetString("savedBy"),
        entity.GetString("note"));

    [LoggerMessage(LogLevel.Information, "Stored policy version {Version}")]
    private partial void LogStored(int version);
}
