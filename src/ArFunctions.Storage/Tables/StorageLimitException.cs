namespace ArFunctions.Storage.Tables;

/// <summary>
/// Something we were about to write breaks an Azure Storage limit. Thrown before anything is sent, so the write can be
/// fixed and retried; Azurite would accept some of these writes and Azure would refuse them.
/// </summary>
public sealed class StorageLimitException : Exception
{
    public StorageLimitException()
    {
    }

    public StorageLimitException(string message)
        : base(message)
    {
    }

    public StorageLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageLimitException(string? partitionKey, string? rowKey, string problem)
        : base($"Entity (PartitionKey '{Shorten(partitionKey)}', RowKey '{Shorten(rowKey)}') breaks an Azure Table Storage limit: {problem}")
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string? PartitionKey { get; }

    public string? RowKey { get; }

    private static string Shorten(string? key) => key is { Length: > 80 } ? key[..80] + "..." : key ?? "(null)";
}
