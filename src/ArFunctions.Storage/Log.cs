using Microsoft.Extensions.Logging;

namespace ArFunctions.Storage;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Upserted {Count} rows into {Table} in {Transactions} transactions")]
    public static partial void Upserted(this ILogger logger, int count, string table, int transactions);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Ledger step {RowKey} in {Table} was already recorded; not recording it again")]
    public static partial void LedgerDuplicate(this ILogger logger, string rowKey, string table);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Ledger step {RowKey} was in the archive (its invoice closed, then opened again); put back in {Table}, not done again")]
    public static partial void LedgerRestored(this ILogger logger, string rowKey, string table);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Ledger row {RowKey} in {Table} changed since it was read: {Outcome}")]
    public static partial void LedgerUpdateRefused(this ILogger logger, string rowKey, string table, Tables.UpdateOutcome outcome);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Created queue {Queue}")]
    public static partial void QueueReady(this ILogger logger, string queue);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Sent message {MessageId} of {Bytes} bytes to {Queue}")]
    public static partial void Sent(this ILogger logger, string messageId, int bytes, string queue);
}
