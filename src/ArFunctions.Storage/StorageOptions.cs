using ArFunctions.Application.DailyRuns;

namespace ArFunctions.Storage;

/// <summary>
/// Where the tables and queues live. Either <see cref="ConnectionString"/> (Azurite or an account key), or
/// <see cref="TableServiceUri"/> and <see cref="QueueServiceUri"/> reached with Entra ID: a user-assigned managed
/// identity when <see cref="ManagedIdentityClientId"/> is set, otherwise <c>DefaultAzureCredential</c>.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "ArFunctions:Storage";

    public const int DefaultShardCount = 64;

    public const int MaxShardCount = 1024;

    /// <summary>Longest prefix that still leaves room for every table name within Azure's 63 characters.</summary>
    public const int MaxTablePrefixLength = 24;

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id (a GUID) of the user-assigned managed identity; only with the service URIs.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Number of shards customers are hashed into. Fixed per deployment: changing it re-keys every table.</summary>
    public int ShardCount { get; set; } = DefaultShardCount;

    /// <summary>Prepended to every table name (letters and digits, starting with a letter).</summary>
    public string TablePrefix { get; set; } = "ar";

    /// <summary>Longest queue prefix; with the longest base name and the poison suffix it stays far below Azure's 63 characters.</summary>
    public const int MaxQueuePrefixLength = 20;

    /// <summary>
    /// Prepended to every base name of <see cref="QueueNames"/> (required: a lower-case letter, then lower-case letters,
    /// digits or single hyphens). The triggers read the same setting, so senders and listeners always agree; other values
    /// let several deployments or tests share one account.
    /// </summary>
    public string QueuePrefix { get; set; } = QueueNames.DefaultPrefix;

    /// <summary>The full name of the queue <paramref name="baseName"/> (one of <see cref="QueueNames"/>) in this deployment.</summary>
    public string QueueName(string baseName) => QueueNames.Full(QueuePrefix, baseName);

    internal bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);
}
