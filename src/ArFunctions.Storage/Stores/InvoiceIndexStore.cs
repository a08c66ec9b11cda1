using System.Globalization;
using Azure.Data.Tables;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

/// <summary>Where an invoice lives: its customer and that customer's shard.</summary>
public sealed record InvoiceLocation(InvoiceId InvoiceId, CustomerId CustomerId, int Shard);

/// <summary>
/// Finds an invoice's customer from the invoice id alone (a webhook knows nothing else). PartitionKey = a bucket of
/// the invoice id's hash ("b0000" to "b0255", independent of the shard count), RowKey = the invoice id. Invoice ids
/// are unique per deployment: the last writer of an id wins.
/// </summary>
public sealed class InvoiceIndexStore(StorageTables tables, Sharding sharding, ILogger<InvoiceIndexStore> logger)
{
    public const int Buckets = 256;

    private readonly TableHandle _table = tables.Get(StorageTables.InvoiceIndex);

    public static string PartitionKeyOf(InvoiceId invoiceId) =>
        "b" + Sharding.Bucket(invoiceId.Value, Buckets).ToString("D4", CultureInfo.InvariantCulture);

    public Task UpsertAsync(IEnumerable<Invoice> invoices, CancellationToken cancellationToken) =>
        _table.UpsertAsync(invoices.Select(ToEntity), logger, cancellationToken);

    public async Task<InvoiceLocation?> FindAsync(InvoiceId invoiceId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(PartitionKeyOf(invoiceId), invoiceId.Value, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        var customerId = EntityValues.RequiredCustomerId(entity, "customerId");
        return new InvoiceLocation(invoiceId, customerId, EntityValues.RequiredInt(entity, "shard"));
    }

    private TableEntity ToEntity(Invoice invoice) => new(PartitionKeyOf(invoice.Id), invoice.Id.Value)
    {
        ["customerId"] = invoice.CustomerId.Value,
        ["shard"] = sharding.ShardOf(invoice.CustomerId),
    };
}
