using ArFunctions.Application.Portal;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Portal;

/// <summary>
/// PortalRevocations: PartitionKey = the customer id, RowKey = the link id, or <c>*</c> for all the customer's links
/// issued up to <c>revokedAt</c>. A portal request reads its customer's partition (a handful of rows at most).
/// </summary>
public sealed class TablePortalRevocationStore(StorageTables tables) : IPortalRevocationStore
{
    private const string WholeCustomer = "*";

    private readonly TableHandle _table = tables.Get(StorageTables.PortalRevocations);

    public async Task RevokeAsync(PortalRevocation revocation, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(revocation.CustomerId.Value, revocation.LinkId ?? WholeCustomer)
        {
            ["revokedAt"] = revocation.RevokedAt,
            ["revokedBy"] = revocation.RevokedBy,
        };
        EntityLimits.Validate(entity);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PortalRevocation>> OfCustomerAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken).ConfigureAwait(false);
        var revocations = new List<PortalRevocation>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == customerId.Value, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            revocations.Add(new PortalRevocation(
                customerId,
                entity.RowKey == WholeCustomer ? null : entity.RowKey,
                entity.GetDateTimeOffset("revokedAt") ?? DateTimeOffset.MaxValue,
                entity.GetString("revokedBy") ?? ""));
        }

        return revocations;
    }
}
