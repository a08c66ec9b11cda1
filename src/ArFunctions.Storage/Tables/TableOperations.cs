using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tables;

/// <summary>Conditional writes and paged scans over one table, with Azure's limits checked before each write.</summary>
public static class TableOperations
{
    /// <summary>Page size of scans: the service's maximum, so a 2,000-entity partition costs two requests.</summary>
    public const int PageSize = 1000;

    /// <summary>Inserts the entity unless its keys exist. Returns false on HTTP 409: the row was already there.</summary>
    public static async Task<bool> TryAddAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        EntityLimits.Validate(entity);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces (or merges) the entity only if it still carries <paramref name="etag"/>. A stale ETag (HTTP 412) or a
    /// deleted entity (HTTP 404) is reported in the result, never thrown.
    /// </summary>
    public static async Task<UpdateResult> TryUpdateAsync(
        this TableClient table, ITableEntity entity, ETag etag, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        EntityLimits.Validate(entity);
        try
        {
            var response = await table.UpdateEntityAsync(entity, etag, mode, cancellationToken).ConfigureAwait(false);
            return new UpdateResult(UpdateOutcome.Updated, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new UpdateResult(UpdateOutcome.Conflict, default);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new UpdateResult(UpdateOutcome.NotFound, default);
        }
    }

    /// <summary>Streams every entity that matches <paramref name="filter"/>, following continuation tokens page by page.</summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(
        this TableClient table, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var pages = table.QueryAsync<T>(filter, PageSize, cancellationToken: cancellationToken).AsPages();
        await foreach (var page in pages.ConfigureAwait(false))
        {
            foreach (var entity in page.Values)
            {
                yield return entity;
            }
        }
    }

    /// <summary>Streams one partition in RowKey order.</summary>
    public static IAsyncEnumerable<T> StreamPartitionAsync<T>(this TableClient table, string partitionKey, CancellationToken cancellationToken)
        where T : class, ITableEntity =>
        table.StreamAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken);

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    public static async Task<TableEntity?> GetOrNullAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
