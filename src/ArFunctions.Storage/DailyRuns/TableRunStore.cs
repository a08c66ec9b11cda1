using System.Globalization;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Engine;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// Runs (PK "run", RK as-of date), shard progress (PK date, RK shard), shard summaries (PK date, RK shard; a
/// compressed document), data problems (PK date, RK shard|customerId|nnn) and balance ranks (PK "ranks", RK shard;
/// a compressed document).
/// </summary>
public sealed class TableRunStore(StorageTables tables) : IRunStore
{
    private const string RunPartition = "run";
    private const string RankPartition = "ranks";

    private readonly TableHandle _runs = tables.Get(StorageTables.Runs);
    private readonly TableHandle _shards = tables.Get(StorageTables.RunShards);
    private readonly TableHandle _summaries = tables.Get(StorageTables.ShardSummaries);
    private readonly TableHandle _ranks = tables.Get(StorageTables.Ranks);
    private readonly TableHandle _problems = tables.Get(StorageTables.RunProblems);

    /// <summary>A problem's reason is cut to this many characters: an exception's message has no bound of its own.</summary>
    public const int MaxReasonLength = 1000;

    public static string DateKey(DateOnly date) => EntityValues.FromDate(date);

    public static DateOnly ParseDateKey(string key) => DateOnly.ParseExact(key, EntityValues.DateFormat, CultureInfo.InvariantCulture);

    public static string ShardKey(int shard) => shard.ToString("D4", CultureInfo.InvariantCulture);

    public async Task<RunRecord?> GetAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var table = await _runs.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(RunPartition, DateKey(asOf), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRun(entity);
    }

    public async Task<RunRecord?> GetFirstAfterAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var table = await _runs.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RunPartition} and RowKey gt {DateKey(asOf)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return ToRun(entity);
        }

        return null;
    }

    /// <summary>
    /// Reads the completed runs (one row a day, so a few pages after years) and keeps the last: a partition comes in
    /// row-key order, and the row key is the as-of date. Dry runs are skipped here rather than by the service, which
    /// would drop a row without the <c>dryRun</c> column, where <see cref="ToRun"/> reads it as false.
    /// </summary>
    public async Task<RunRecord?> GetLastCompletedAsync(CancellationToken cancellationToken)
    {
        var table = await _runs.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RunPartition} and status eq {nameof(RunStatus.Completed)}");
        RunRecord? last = null;
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            var run = ToRun(entity);
            if (!run.DryRun)
            {
                last = run;
            }
        }

        return last;
    }

    public async Task<RunRecord> OpenOrGetAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var table = await _runs.GetAsync(cancellationToken).ConfigureAwait(false);
        await table.TryAddAsync(ToEntity(run), cancellationToken).ConfigureAwait(false);
        return await GetAsync(run.AsOf, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Run {DateKey(run.AsOf)} vanished right after it was opened.");
    }

    public async Task<bool> TryUpdateAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var table = await _runs.GetAsync(cancellationToken).ConfigureAwait(false);
        var etag = run.ETag is null ? ETag.All : new ETag(run.ETag);
        var result = await table.TryUpdateAsync(ToEntity(run), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return result.Outcome == UpdateOutcome.Updated;
    }

    public async Task<IReadOnlyList<ShardProgress>> GetShardsAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var table = await _shards.GetAsync(cancellationToken).ConfigureAwait(false);
        var shards = new List<ShardProgress>();
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(DateKey(asOf), cancellationToken).ConfigureAwait(false))
        {
            shards.Add(ToShard(entity));
        }

        return shards;
    }

    public async Task<ShardProgress?> GetShardAsync(DateOnly asOf, int shard, CancellationToken cancellationToken)
    {
        var table = await _shards.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(DateKey(asOf), ShardKey(shard), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToShard(entity);
    }

    public async Task SaveShardAsync(ShardProgress progress, CancellationToken cancellationToken)
    {
        var table = await _shards.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(DateKey(progress.AsOf), ShardKey(progress.Shard))
        {
            ["status"] = progress.Status.ToString(),
            ["checkpoint"] = progress.Checkpoint,
        };
        WriteCounts(entity, progress.Counts);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveSummaryAsync(DateOnly asOf, ShardSummary summary, CancellationToken cancellationToken)
    {
        var table = await _summaries.GetAsync(cancellationToken).ConfigureAwait(false);
        await DocumentRows.WriteAsync(table, DateKey(asOf), ShardKey(summary.Shard), summary, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ShardSummary>> GetSummariesAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var table = await _summaries.GetAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await DocumentRows.ReadPartitionAsync<ShardSummary>(table, DateKey(asOf), cancellationToken).ConfigureAwait(false)).Select(d => d.Value)];
    }

    public async Task SaveProblemsAsync(DateOnly asOf, int shard, IReadOnlyList<DataProblem> problems, CancellationToken cancellationToken)
    {
        var table = await _problems.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = DateKey(asOf);
        var entities = problems.GroupBy(p => p.CustomerId.Value, StringComparer.Ordinal)
            .SelectMany(g => g.Select((problem, n) => ToEntity(partition, $"{ShardKey(shard)}{EntityKey.Separator}{g.Key}{EntityKey.Separator}{n:D3}", problem)))
            .ToList();
        var keep = entities.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var actions = new List<TableTransactionAction>();
        var prefix = ShardKey(shard) + EntityKey.Separator;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {CompositeKey.PrefixEnd(ShardKey(shard))}");
        await foreach (var stale in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            if (!keep.Contains(stale.RowKey))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, stale, ETag.All));
            }
        }

        actions.AddRange(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)));
        await TableBatchWriter.SubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DataProblem>> GetProblemsAsync(DateOnly asOf, int max, CancellationToken cancellationToken)
    {
        var table = await _problems.GetAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<DataProblem>();
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(DateKey(asOf), cancellationToken).ConfigureAwait(false))
        {
            if (problems.Count >= max)
            {
                break;
            }

            problems.Add(new DataProblem(
                new CustomerId(EntityValues.RequiredString(entity, "customerId")),
                entity.GetString("invoiceId") is { } invoice ? new InvoiceId(invoice) : null,
                entity.GetString("field"),
                EntityValues.RequiredString(entity, "reason")));
        }

        return problems;
    }

    public async Task SaveRanksAsync(int shard, IReadOnlyDictionary<string, int> ranks, CancellationToken cancellationToken)
    {
        var table = await _ranks.GetAsync(cancellationToken).ConfigureAwait(false);
        await DocumentRows.WriteAsync(table, RankPartition, ShardKey(shard), ranks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The balance ranks of one shard from the last completed run; empty before the first.</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetRanksAsync(int shard, CancellationToken cancellationToken)
    {
        var table = await _ranks.GetAsync(cancellationToken).ConfigureAwait(false);
        return await DocumentRows.ReadAsync<Dictionary<string, int>>(table, RankPartition, ShardKey(shard), cancellationToken).ConfigureAwait(false)
            ?? new Dictionary<string, int>();
    }

    private static TableEntity ToEntity(string partition, string rowKey, DataProblem problem) => new(partition, rowKey)
    {
        ["customerId"] = problem.CustomerId.Value,
        ["invoiceId"] = problem.InvoiceId?.Value,
        ["field"] = problem.Field,
        ["reason"] = problem.Reason.Length <= MaxReasonLength ? problem.Reason : problem.Reason[..MaxReasonLength],
    };

    private static TableEntity ToEntity(RunRecord run)
    {
        var entity = new TableEntity(RunPartition, DateKey(run.AsOf))
        {
            ["policyVersion"] = run.PolicyVersion,
            ["shardCount"] = run.ShardCount,
            ["status"] = run.Status.ToString(),
            ["startedAt"] = run.StartedAt,
            ["finishedAt"] = run.FinishedAt,
            ["dryRun"] = run.DryRun,
            ["startedBy"] = run.StartedBy,
        };
        if (run.Counts is { } counts)
        {
            WriteCounts(entity, counts);
        }

        return entity;
    }

    private static RunRecord ToRun(TableEntity entity) => new(
        ParseDateKey(entity.RowKey),
        EntityValues.RequiredString(entity, "policyVersion"),
        EntityValues.RequiredInt(entity, "shardCount"),
        Enum.Parse<RunStatus>(EntityValues.RequiredString(entity, "status")),
        entity.GetDateTimeOffset("startedAt") ?? throw EntityValues.Broken(entity, "startedAt", "is missing"),
        entity.GetDateTimeOffset("finishedAt"),
        entity.ContainsKey("customers") ? ReadCounts(entity) : null,
        entity.GetBoolean("dryRun") ?? false,
        entity.ETag.ToString(),
        entity.GetString("startedBy"));

    private static ShardProgress ToShard(TableEntity entity) => new(
        ParseDateKey(entity.PartitionKey),
        int.Parse(entity.RowKey, CultureInfo.InvariantCulture),
        Enum.Parse<ShardStatus>(EntityValues.RequiredString(entity, "status")),
        entity.GetString("checkpoint"),
        ReadCounts(entity));

    private static void WriteCounts(TableEntity entity, RunCounts counts)
    {
        entity["customers"] = counts.Customers;
        entity["openInvoices"] = counts.OpenInvoices;
        entity["stepsFired"] = counts.StepsFired;
        entity["stepsSkipped"] = counts.StepsSkipped;
        entity["emails"] = counts.Emails;
        entity["calls"] = counts.Calls;
        entity["letters"] = counts.Letters;
        entity["internalTasks"] = counts.InternalTasks;
        entity["segmentMoves"] = counts.SegmentMoves;
        entity["seconds"] = counts.Seconds;
        entity["customersSkipped"] = counts.CustomersSkipped;
    }

    private static RunCounts ReadCounts(TableEntity entity) => new(
        entity.GetInt32("customers") ?? 0,
        entity.GetInt32("openInvoices") ?? 0,
        entity.GetInt32("stepsFired") ?? 0,
        entity.GetInt32("stepsSkipped") ?? 0,
        entity.GetInt32("emails") ?? 0,
        entity.GetInt32("calls") ?? 0,
        entity.GetInt32("letters") ?? 0,
        entity.GetInt32("internalTasks") ?? 0,
        entity.GetInt32("segmentMoves") ?? 0,
        entity.GetDouble("seconds") ?? 0,
        entity.GetInt32("customersSkipped") ?? 0);
}
