using Azure.Data.Tables;
using ArFunctions.Storage.Tables;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage.Stores;

internal static class TableHandleWrites
{
    /// <summary>Upserts (replace) entities of any partitions: grouped by partition, then batched.</summary>
    public static async Task UpsertAsync(this TableHandle handle, IEnumerable<TableEntity> entities, ILogger logger, CancellationToken cancellationToken)
    {
        var actions = entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList();
        if (actions.Count == 0)
        {
            return;
        }

        var table = await handle.GetAsync(cancellationToken).ConfigureAwait(false);
        var transactions = await TableBatchWriter.SubmitGroupedAsync(table, actions, cancellationToken).ConfigureAwait(false);
        logger.Upserted(actions.Count, handle.Name, transactions);
    }
}
