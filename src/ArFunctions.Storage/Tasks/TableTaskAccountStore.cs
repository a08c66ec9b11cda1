using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tasks;

/// <summary>Customers, invoices, segment states and interactions as task handling reads and changes them.</summary>
public sealed class TableTaskAccountStore(
    StorageTables tables, Sharding sharding, CustomerStore customers, InvoiceStore invoices, InteractionStore interactions) : ITaskAccountStore
{
    private const int MaxAttempts = 8;

    private readonly TableHandle _invoices = tables.Get(StorageTables.Invoices);
    private readonly TableHandle _states = tables.Get(StorageTables.CustomerStates);

    public int ShardOf(CustomerId customerId) => sharding.ShardOf(customerId);

    public Task<Customer?> GetCustomerAsync(CustomerId customerId, CancellationToken cancellationToken) =>
        customers.GetAsync(customerId, cancellationToken);

    public async Task<IReadOnlyList<Invoice>> GetInvoicesAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var list = new List<Invoice>();
        await foreach (var invoice in invoices.StreamCustomerAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            list.Add(invoice);
        }

        return list;
    }

    public async Task<string?> GetSegmentAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var table = await _states.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(sharding.PartitionKeyOf(customerId), customerId.Value, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : CustomerStateEntities.FromEntity(entity).Segment?.SegmentId;
    }

    public async Task<IReadOnlyList<Invoice>> UpdateInvoicesAsync(
        CustomerId customerId, IReadOnlyList<InvoiceId> invoiceIds, Func<Invoice, Invoice?> change, CancellationToken cancellationToken)
    {
        var table = await _invoices.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = sharding.PartitionKeyOf(customerId);
        var changed = new List<Invoice>();
        foreach (var invoiceId in invoiceIds)
        {
            if (await UpdateOneAsync(table, partition, InvoiceEntityMapper.RowKey(customerId, invoiceId), change, cancellationToken).ConfigureAwait(false) is { } invoice)
            {
                changed.Add(invoice);
            }
        }

        return changed;
    }

    public Task AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken) =>
        interactions.UpsertAsync([interaction], cancellationToken);

    /// <summary>Read, change, replace under the ETag; a concurrent write (a payment) makes it read again.</summary>
    private static async Task<Invoice?> UpdateOneAsync(TableClient table, string partition, string rowKey, Func<Invoice, Invoice?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entity = await table.GetOrNullAsync(partition, rowKey, cancellationToken).ConfigureAwait(false);
            if (entity is null || change(InvoiceEntityMapper.FromEntity(entity)) is not { } invoice)
            {
                return null;
            }

            var result = await table.TryUpdateAsync(InvoiceEntityMapper.ToEntity(invoice, partition), entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            if (result.Outcome != UpdateOutcome.Conflict)
            {
                return result.Succeeded ? invoice : null;
            }
        }

        throw new InvalidOperationException($"Invoice row {rowKey} kept changing; gave up after {MaxAttempts} attempts.");
    }
}
