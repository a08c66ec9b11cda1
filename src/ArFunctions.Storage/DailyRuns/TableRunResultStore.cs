using System.Globalization;
using System.Text.Json;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Worklist;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>One ranked worklist item as stored and served.</summary>
public sealed record StoredWorklistItem(int Rank, string CustomerId, string? Collector, string? Segment, double Score, decimal OverdueBalance, IReadOnlyList<string> Reasons, DateOnly AsOf);

/// <summary>
/// Worklists (PK = collector id, or <see cref="TopPartition"/> for the capacity-sized Top-N; RK = zero-padded rank),
/// replaced by every completed run so that reading a worklist is one partition query; KPI snapshots (PK = as-of
/// date, RK = segment id or <see cref="OverallKey"/>).
/// </summary>
public sealed class TableRunResultStore(StorageTables tables, ILogger<TableRunResultStore> logger) : IRunResultStore
{
    public const string TopPartition = "_top";
    public const string OverallKey = "_overall";

    private readonly TableHandle _worklists = tables.Get(StorageTables.Worklists);
    private readonly TableHandle _kpis = tables.Get(StorageTables.KpiSnapshots);

    public async Task SaveWorklistAsync(DateOnly asOf, RankedWorklist worklist, IReadOnlyDictionary<string, string> segmentOf, CancellationToken cancellationToken)
    {
        await ReplaceAsync(TopPartition, asOf, worklist.Top, segmentOf, cancellationToken).ConfigureAwait(false);
        foreach (var (collector, items) in worklist.ByCollector)
        {
            await ReplaceAsync(collector, asOf, items, segmentOf, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<StoredWorklistItem>> GetWorklistAsync(string? collector, int top, CancellationToken cancellationToken)
    {
        var table = await _worklists.GetAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<StoredWorklistItem>();
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(collector ?? TopPartition, cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == top)
            {
                break;
            }

            items.Add(FromEntity(entity));
        }

        return items;
    }

    public async Task SaveKpisAsync(DateOnly asOf, KpiReport report, CancellationToken cancellationToken)
    {
        var date = EntityValues.FromDate(asOf);
        var entities = report.BySegment.Select(s => KpiEntity(date, s.Key, s.Value)).Append(KpiEntity(date, OverallKey, report.Overall));
        await _kpis.UpsertAsync(entities, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The KPI snapshots of one date, by segment (<see cref="OverallKey"/> for the whole portfolio).</summary>
    public async Task<IReadOnlyDictionary<string, KpiSnapshot>> GetKpisAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var table = await _kpis.GetAsync(cancellationToken).ConfigureAwait(false);
        var snapshots = new Dictionary<string, KpiSnapshot>(StringComparer.Ordinal);
        await foreach (var entity in table.StreamPartitionAsync<TableEntity>(EntityValues.FromDate(asOf), cancellationToken).ConfigureAwait(false))
        {
            snapshots[entity.RowKey] = JsonSerializer.Deserialize<KpiSnapshot>(EntityValues.RequiredString(entity, "snapshot"), StorageJson.Options)!;
        }

        return snapshots;
    }

    private async Task ReplaceAsync(string partition, DateOnly asOf, IReadOnlyList<WorklistItem> items, IReadOnlyDictionary<string, string> segmentOf, CancellationToken cancellationToken)
    {
        var table = await _worklists.GetAsync(cancellationToken).ConfigureAwait(false);
        var entities = items.Select(item => new TableEntity(partition, RankKey(item.Rank))
        {
            ["asOf"] = EntityValues.FromDate(asOf),
            ["customerId"] = item.CustomerId.Value,
            ["collector"] = item.Collector,
            ["segment"] = segmentOf.GetValueOrDefault(item.CustomerId.Value),
            ["score"] = item.Score,
            ["overdueBalance"] = EntityValues.FromDecimal(item.OverdueBalance),
            ["reasons"] = JsonSerializer.Serialize(item.Reasons.Select(r => r.Text)),
        }).ToList();
        await _worklists.UpsertAsync(entities, logger, cancellationToken).ConfigureAwait(false);

        // A shorter list than yesterday's leaves stale ranks behind: remove them.
        var stale = new List<TableTransactionAction>();
        await foreach (var entity in table.StreamAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {RankKey(items.Count)}"), cancellationToken).ConfigureAwait(false))
        {
            stale.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, Azure.ETag.All));
        }

        try
        {
            await TableBatchWriter.SubmitAsync(table, stale, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Two shards finishing together both finalise; the other one deleted some of these first. A failed batch
            // changed nothing, so delete the rest one by one, each already-gone row being what we wanted anyway.
            foreach (var action in stale)
            {
                await DeleteIfPresentAsync(table, action.Entity, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task DeleteIfPresentAsync(TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Already deleted.
        }
    }

    private static string RankKey(int rank) => rank.ToString("D6", CultureInfo.InvariantCulture);

    private static StoredWorklistItem FromEntity(TableEntity entity) => new(
        int.Parse(entity.RowKey, CultureInfo.InvariantCulture),
        EntityValues.RequiredString(entity, "customerId"),
        entity.GetString("collector"),
        entity.GetString("segment"),
        entity.GetDouble("score") ?? 0,
        EntityValues.RequiredDecimal(entity, "overdueBalance"),
        JsonSerializer.Deserialize<string[]>(EntityValues.RequiredString(entity, "reasons")) ?? [],
        EntityValues.RequiredDate(entity, "asOf"));

    private static TableEntity KpiEntity(string date, string segment, KpiSnapshot snapshot) => new(date, segment)
    {
        ["snapshot"] = JsonSerializer.Serialize(snapshot, StorageJson.Options),
    };
}
