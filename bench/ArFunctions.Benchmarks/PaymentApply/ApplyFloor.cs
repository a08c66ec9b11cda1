using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ArFunctions.Benchmarks.PaymentApply;

/// <summary>
/// The apply phase's raw floor: as many events on a queue of the same depth, drained by the same loop
/// (<see cref="QueueWorkers"/>), each making straight with the SDK, on minimal entities, its share of the table calls
/// and queue sends the apply phase made (the counts by kind from <see cref="Local.StorageCallRecorder"/>): a point read
/// for a read, a RowKey-range query of an empty partition for a query (the apply phase's queries find nothing here
/// either), an insert, a replace, a merge, a one-entity transaction for a batch, a send for a send.
/// </summary>
internal sealed class ApplyFloor
{
    private const int Partitions = 16;

    private readonly TableClient _rows;
    private readonly TableClient _empty;
    private readonly QueueClient _sends;
    private readonly (string Kind, int Total)[] _mix;
    private readonly int _events;

    private ApplyFloor(TableClient rows, TableClient empty, QueueClient sends, (string Kind, int Total)[] mix, int events)
    {
        _rows = rows;
        _empty = empty;
        _sends = sends;
        _mix = mix;
        _events = events;
    }

    /// <summary>Kinds of call the floor repeats (the queue loop's receive and delete are the loop's own).</summary>
    public static bool Repeats(string label) =>
        !label.StartsWith("receive", StringComparison.Ordinal) && !label.StartsWith("delete-message", StringComparison.Ordinal) && label != "insert Tables";

    /// <summary>Creates the floor's tables and queues: one row per event to read and change, and the queue of <paramref name="events"/> messages.</summary>
    public static async Task<(ApplyFloor Floor, QueueClient Queue)> PrepareAsync(string connectionString, string prefix, IReadOnlyDictionary<string, int> counts, int events)
    {
        var service = new TableServiceClient(connectionString);
        var rows = service.GetTableClient(prefix + "FloorRows");
        var empty = service.GetTableClient(prefix + "FloorEmpty");
        await rows.CreateIfNotExistsAsync().ConfigureAwait(false);
        await empty.CreateIfNotExistsAsync().ConfigureAwait(false);
        foreach (var partition in Enumerable.Range(0, events).GroupBy(i => i % Partitions))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await rows.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(i))).ToList()).ConfigureAwait(false);
            }
        }

        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var queue = new QueueClient(connectionString, prefix.ToLowerInvariant() + "-floor", options);
        var sends = new QueueClient(connectionString, prefix.ToLowerInvariant() + "-floor-sends", options);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        await sends.CreateIfNotExistsAsync().ConfigureAwait(false);
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, token) =>
            await queue.SendMessageAsync(i.ToString(CultureInfo.InvariantCulture), token).ConfigureAwait(false)).ConfigureAwait(false);
        var mix = counts.Where(c => Repeats(c.Key)).Select(c => (c.Key, c.Value)).ToArray();
        return (new ApplyFloor(rows, empty, sends, mix, events), queue);
    }

    /// <summary>Event <paramref name="message"/>'s share of every kind: total × (i + 1) / N − total × i / N calls.</summary>
    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var i = int.Parse(message, CultureInfo.InvariantCulture);
        foreach (var (kind, total) in _mix)
        {
            var calls = (int)(((long)total * (i + 1) / _events) - ((long)total * i / _events));
            for (var k = 0; k < calls; k++)
            {
                await CallAsync(kind, i, k, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task CallAsync(string kind, int i, int k, CancellationToken cancellationToken)
    {
        var partition = Partition(i);
        var verb = kind.Split(' ')[0];
        switch (verb)
        {
            case "read":
                await _rows.GetEntityIfExistsAsync<TableEntity>(partition, Key(i), cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case "query":
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {Key(i)} and RowKey lt {Key(i) + "~"}");
                await foreach (var page in _empty.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
                {
                    _ = page.Values.Count;
                }

                break;
            case "insert":
                await _rows.AddEntityAsync(new TableEntity(partition, $"{Key(i)}-{kind.Length}-{k}") { ["v"] = 1 }, cancellationToken).ConfigureAwait(false);
                break;
            case "replace":
                await _rows.UpsertEntityAsync(Row(i), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                break;
            case "merge":
                await _rows.UpdateEntityAsync(Row(i), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                break;
            case "batch":
                await _rows.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(i))], cancellationToken).ConfigureAwait(false);
                break;
            case "delete":
                await _rows.DeleteEntityAsync(partition, $"{Key(i)}-gone", ETag.All, cancellationToken).ConfigureAwait(false);
                break;
            case "send":
                await _sends.SendMessageAsync("x", cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"The floor has no minimal call for '{kind}'.");
        }
    }

    private static TableEntity Row(int i) => new(Partition(i), Key(i)) { ["v"] = 1 };

    private static string Partition(int i) => "p" + (i % Partitions).ToString("D2", CultureInfo.InvariantCulture);

    private static string Key(int i) => i.ToString("D7", CultureInfo.InvariantCulture);
}
