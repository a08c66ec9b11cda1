using System.Text.Json;
using ArFunctions.Application.Customers;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Admin;

/// <summary>
/// One customer's records, read concurrently from its shard: point reads for the customer and its state, row-key
/// ranges ("customerId|...") for invoices, payments, credits, interactions and segment moves, and a filtered scan of the
/// shard's actions (their keys start with the date, not the customer). Invoices, payments and interactions come from
/// their tables and their archive tables together (closed history the daily run moved there), the live row first.
/// </summary>
public sealed class TableCustomerRecordStore(StorageTables tables, Sharding sharding, CustomerStore customers, CreditStore credits, TableRunStore runs)
    : ICustomerRecordStore
{
    private readonly Contacts.TableContactStateStore _contactStates = new(tables, sharding);

    private readonly DailyRuns.HistoryTables _withArchives = new(tables);
    private readonly TableHandle _states = tables.Get(StorageTables.CustomerStates);
    private readonly TableHandle _history = tables.Get(StorageTables.SegmentHistory);
    private readonly TableHandle _actions = tables.Get(StorageTables.Actions);

    public async Task<CustomerRecordSet?> GetAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var customer = await customers.GetAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return null;
        }

        var shard = sharding.ShardOf(customerId);
        var partition = Sharding.PartitionKey(shard);
        var range = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {customerId.Value + EntityKey.Separator} and RowKey lt {CompositeKey.PrefixEnd(customerId.Value)}");
        var invoiceList = ScanWithArchiveAsync(_withArchives[StorageTables.Invoices], range, InvoiceEntityMapper.FromEntity, cancellationToken);
        var payments = ScanWithArchiveAsync(_withArchives[StorageTables.Payments], range, PaymentEntityMapper.FromEntity, cancellationToken);
        var creditList = ToListAsync(credits.StreamCustomerAsync(customerId, cancellationToken));
        var interactions = ScanWithArchiveAsync(_withArchives[StorageTables.Interactions], range, InteractionEntityMapper.FromEntity, cancellationToken);
        var moves = ScanAsync(_history, range, ToMove, cancellationToken);
        var actions = ScanAsync(_actions, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and customerId eq {customerId.Value}"), ToAction, cancellationToken);
        var state = GetStateAsync(partition, customerId, cancellationToken);
        var ranks = runs.GetRanksAsync(shard, cancellationToken);
        var contactStates = _contactStates.GetAsync(customerId, cancellationToken);
        await Task.WhenAll(invoiceList, payments, creditList, interactions, moves, actions, state, ranks, contactStates).ConfigureAwait(false);

        return new CustomerRecordSet(
            customer, invoiceList.Result, payments.Result, interactions.Result, state.Result, moves.Result, actions.Result,
            ranks.Result.GetValueOrDefault(customerId.Value))
        {
            Credits = creditList.Result,
            ContactStates = contactStates.Result,
        };
    }

    private async Task<Application.DailyRuns.CustomerState?> GetStateAsync(string partition, CustomerId customerId, CancellationToken cancellationToken)
    {
        var table = await _states.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(partition, customerId.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : CustomerStateEntities.FromEntity(entity);
    }

    private static SegmentMove ToMove(TableEntity entity) => new(
        EntityValues.RequiredCustomerId(entity, "customerId"),
        EntityValues.RequiredDate(entity, "on"),
        entity.GetString("from"),
        EntityValues.RequiredString(entity, "to"),
        EntityValues.RequiredString(entity, "matchedRule"),
        JsonSerializer.Deserialize<string[]>(entity.GetString("triggers") ?? "[]") ?? []);

    private static CustomerActionRecord ToAction(TableEntity entity)
    {
        var action = ActionEntities.FromEntity(entity);
        return new CustomerActionRecord(
            action.ActionId, action.AsOf, action.Kind, action.Template, action.ContactName, action.ContactRole, action.AssignTo, action.Invoices, action.Status, action.StatusReason, action.Delivery);
    }

    private static async Task<List<T>> ScanAsync<T>(TableHandle handle, string filter, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var table = await handle.GetAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            items.Add(map(entity));
        }

        return items;
    }

    /// <summary>The rows of <paramref name="filter"/> in a table and in its archive; a key in both is taken from the table (a row moved while it changed).</summary>
    private static async Task<List<T>> ScanWithArchiveAsync<T>((TableHandle Hot, TableHandle Archive) table, string filter, Func<TableEntity, T> map, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(ScanAsync(table.Hot, filter, e => e, cancellationToken), ScanAsync(table.Archive, filter, e => e, cancellationToken)).ConfigureAwait(false);
        var liveKeys = rows[0].Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        return [.. rows[0].Concat(rows[1].Where(e => !liveKeys.Contains(e.RowKey))).OrderBy(e => e.RowKey, StringComparer.Ordinal).Select(map)];
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return list;
    }
}
