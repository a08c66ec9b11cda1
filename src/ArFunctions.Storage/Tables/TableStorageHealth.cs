using ArFunctions.Application.Ports;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tables;

/// <summary>Storage answers when one row (or none) of the Runs table can be read; a failure throws the SDK's exception.</summary>
internal sealed class TableStorageHealth(StorageTables tables) : IStorageHealth
{
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var runs = await tables.Get(StorageTables.Runs).GetAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var _ in runs.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            break;
        }
    }
}
