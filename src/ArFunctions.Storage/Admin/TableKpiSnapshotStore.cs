using System.Text.Json;
using ArFunctions.Application.Kpis;
using ArFunctions.Domain.Kpis;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Admin;

/// <summary>
/// KPI snapshots over a date range: one query over the KpiSnapshots partitions from one date key to another (dates
/// are "yyyy-MM-dd" keys, which sort as dates), in the layout <see cref="TableRunResultStore"/> writes.
/// </summary>
public sealed class TableKpiSnapshotStore(StorageTables tables) : IKpiSnapshotStore
{
    private readonly TableHandle _kpis = tables.Get(StorageTables.KpiSnapshots);

    public async Task<IReadOnlyList<KpiDay>> GetRangeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await _kpis.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {EntityValues.FromDate(from)} and PartitionKey le {EntityValues.FromDate(to)}");
        var days = new List<KpiDay>();
        var segments = new Dictionary<string, KpiSnapshot>(StringComparer.Ordinal);
        KpiSnapshot? overall = null;
        string? date = null;
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            if (date is not null && entity.PartitionKey != date)
            {
                days.Add(new KpiDay(TableRunStore.ParseDateKey(date), overall, segments));
                (segments, overall) = (new Dictionary<string, KpiSnapshot>(StringComparer.Ordinal), null);
            }

            date = entity.PartitionKey;
            var snapshot = JsonSerializer.Deserialize<KpiSnapshot>(EntityValues.RequiredString(entity, "snapshot"), StorageJson.Options)!;
            if (entity.RowKey == TableRunResultStore.OverallKey)
            {
                overall = snapshot;
            }
            else
            {
                segments[entity.RowKey] = snapshot;
            }
        }

        if (date is not null)
        {
            days.Add(new KpiDay(TableRunStore.ParseDateKey(date), overall, segments));
        }

        return days;
    }
}
