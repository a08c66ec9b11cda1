using System.Globalization;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Decisions;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// The Decisions table: PartitionKey the customer's shard, RowKey <c>customerId|yyyyMMdd</c>, the decision as gzipped
/// JSON (<see cref="StorageJson"/>). A shard's decisions of a day go in batches with the rest of its writes; one
/// customer's days are one range query. Rows are added, never replaced (<see cref="IDecisionLog.AddAsync"/>).
/// </summary>
public sealed class TableDecisionLog(StorageTables tables, Sharding sharding) : IDecisionLog
{
    private readonly TableHandle _decisions = tables.Get(StorageTables.Decisions);

    public static string RowKey(CustomerId customerId, DateOnly on) =>
        CompositeKey.Join(customerId.Value, on.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    public async Task AddAsync(int shard, IReadOnlyList<DayDecision> decisions, CancellationToken cancellationToken)
    {
        if (decisions.Count == 0)
        {
            return;
        }

        var table = await _decisions.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = Sharding.PartitionKey(shard);
        var entities = decisions.Select(d =>
        {
            var entity = new TableEntity(partition, RowKey(d.CustomerId, d.On));
            StorageJson.Write(entity, d);
            return entity;
        });
        await TableBatchWriter.AddAbsentAsync(table, entities, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DayDecision>> GetAsync(CustomerId customerId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await _decisions.GetAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {sharding.PartitionKeyOf(customerId)} and RowKey ge {RowKey(customerId, from)} and RowKey le {RowKey(customerId, to)}");
        var decisions = new List<DayDecision>();
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            decisions.Add(StorageJson.Read<DayDecision>(entity));
        }

        return decisions;
    }
}
