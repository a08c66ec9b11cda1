using System.Globalization;
using System.Security.Cryptography;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// A document (<see cref="StorageJson"/>) kept under one row key, in one row while it fits
/// (<see cref="RowBytes"/> compressed), else over part rows <c>key|version|000</c>, <c>key|version|001</c>
/// ... of the same partition, which a head row <c>key</c> names by version and count. The version is a hash of the
/// content, so a repeated write makes the same rows; parts are written before the head, so a write cut short leaves the
/// previous document whole, and the parts of other versions are deleted only once the head names the new ones. A
/// document that fits one row is one write, as before.
/// A shard summary grows with the shard's customers (168 bytes each compressed, docs/scale.md), so a shard of more than
/// about 4,000 customers needs the parts.
/// </summary>
internal static class DocumentRows
{
    /// <summary>
    /// The compressed bytes of one row: 660 KiB, so the row stays under the 1 MiB entity limit as sent (base64, 880 KiB)
    /// as well as stored; Azurite checks the size as sent.
    /// </summary>
    public const int RowBytes = 11 * 60 * 1024;

    /// <summary>Writes <paramref name="value"/> under <paramref name="rowKey"/> (which holds no '|'), replacing what was there.</summary>
    public static async Task WriteAsync<T>(TableClient table, string partitionKey, string rowKey, T value, CancellationToken cancellationToken)
    {
        var bytes = StorageJson.Compress(value);
        var head = new TableEntity(partitionKey, rowKey);
        string? version = null;
        if (bytes.Length <= RowBytes)
        {
            StorageJson.WriteChunks(head, bytes);
        }
        else
        {
            version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
            var parts = (bytes.Length + RowBytes - 1) / RowBytes;
            for (var i = 0; i < parts; i++)
            {
                var part = new TableEntity(partitionKey, CompositeKey.Join(rowKey, version, i.ToString("D3", CultureInfo.InvariantCulture)));
                StorageJson.WriteChunks(part, bytes.AsSpan(i * RowBytes, Math.Min(RowBytes, bytes.Length - (i * RowBytes))));
                await table.UpsertEntityAsync(part, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            head["parts"] = parts;
            head["version"] = version;
        }

        await table.UpsertEntityAsync(head, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (version is not null)
        {
            // A document that fits one row costs one write: parts an earlier, larger one left are unread (the head names
            // none) and go with the next write that needs parts.
            await DeleteOtherPartsAsync(table, partitionKey, rowKey, version, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The document under <paramref name="rowKey"/>, or default when there is none.</summary>
    public static async Task<T?> ReadAsync<T>(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var head = await table.GetOrNullAsync(partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return default;
        }

        var parts = new List<TableEntity>();
        if (PartsOf(head) is { } prefix)
        {
            await foreach (var part in table.StreamAsync<TableEntity>(RangeOf(partitionKey, prefix), cancellationToken).ConfigureAwait(false))
            {
                parts.Add(part);
            }
        }

        return Document<T>(head, parts);
    }

    /// <summary>Every document of the partition, by row key (its part rows read with it).</summary>
    public static async Task<IReadOnlyList<(string RowKey, T Value)>> ReadPartitionAsync<T>(TableClient table, string partitionKey, CancellationToken cancellationToken)
    {
        var heads = new List<TableEntity>();
        var parts = new List<TableEntity>();
        await foreach (var row in table.StreamPartitionAsync<TableEntity>(partitionKey, cancellationToken).ConfigureAwait(false))
        {
            (row.RowKey.Contains(EntityKey.Separator, StringComparison.Ordinal) ? parts : heads).Add(row);
        }

        var partsByPrefix = parts.ToLookup(p => p.RowKey[..(p.RowKey.LastIndexOf(EntityKey.Separator) + 1)], StringComparer.Ordinal);
        return [.. heads.Select(head => (head.RowKey, Document<T>(head, PartsOf(head) is { } prefix ? [.. partsByPrefix[prefix]] : [])))];
    }

    /// <summary>The key prefix of the parts <paramref name="head"/> names (<c>key|version|</c>), or null when it holds the document itself.</summary>
    private static string? PartsOf(TableEntity head) =>
        head.GetInt32("parts") is null
            ? null
            : CompositeKey.Join(head.RowKey, head.GetString("version") ?? throw new InvalidDataException($"{head.PartitionKey}/{head.RowKey} names parts but no version.")) + EntityKey.Separator;

    /// <summary>The document of <paramref name="head"/>: in it, or in <paramref name="parts"/> (its parts, in any order).</summary>
    private static T Document<T>(TableEntity head, List<TableEntity> parts)
    {
        if (head.GetInt32("parts") is not { } count)
        {
            return StorageJson.Read<T>(head);
        }

        if (parts.Count != count)
        {
            throw new InvalidDataException($"{head.PartitionKey}/{head.RowKey} names {count} parts; {parts.Count} were found.");
        }

        using var bytes = new MemoryStream();
        foreach (var part in parts.OrderBy(p => p.RowKey, StringComparer.Ordinal))
        {
            bytes.Write(StorageJson.ReadChunks(part));
        }

        return StorageJson.Decompress<T>(head, bytes.ToArray());
    }

    /// <summary>Deletes the part rows under <paramref name="rowKey"/> of any version but <paramref name="version"/>: left by an earlier, different document.</summary>
    private static async Task DeleteOtherPartsAsync(TableClient table, string partitionKey, string rowKey, string version, CancellationToken cancellationToken)
    {
        var keep = CompositeKey.Join(rowKey, version) + EntityKey.Separator;
        await foreach (var part in table.QueryAsync<TableEntity>(RangeOf(partitionKey, rowKey + EntityKey.Separator), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!part.RowKey.StartsWith(keep, StringComparison.Ordinal))
            {
                try
                {
                    await table.DeleteEntityAsync(partitionKey, part.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Deleted by a concurrent write of the same document.
                }
            }
        }
    }

    /// <summary>The rows whose key starts with <paramref name="prefix"/>, which ends with the separator.</summary>
    private static string RangeOf(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {CompositeKey.PrefixEnd(prefix[..^1])}");
}
