using System.Globalization;
using ArFunctions.Storage;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.Benchmarks.DailyRun;

/// <summary>
/// The least any daily run of this portfolio must do against storage, with nothing of ours in between: scan every
/// partition the run reads, whole as the run scans them (the ledger as the run saw it, before the day's own rows), then
/// write as many entities (batched, 100 a transaction) and send as many messages as the run did, per shard.
/// </summary>
internal static class RawFloor
{
    public static async Task RunAsync(IServiceProvider services, string connectionString, WriteCounter counter, DateOnly day, int concurrency)
    {
        var tables = services.GetRequiredService<StorageTables>();
        var scratch = await tables.Get("Floor").GetAsync(CancellationToken.None);
        var queue = new QueueClient(connectionString, "floor" + Guid.NewGuid().ToString("N")[..8], new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        var scans = new (string Table, string? Filter)[]
        {
            (StorageTables.Customers, null),
            (StorageTables.Invoices, null),
            (StorageTables.Payments, null),
            (StorageTables.Credits, null),
            (StorageTables.Interactions, null),
            (StorageTables.CustomerStates, null),
            (StorageTables.ContactStates, null),
            (StorageTables.Ledger, $"on lt '{Date(day)}'"),
        };
        var clients = new Dictionary<string, TableClient>();
        foreach (var (table, _) in scans)
        {
            clients[table] = await tables.Get(table).GetAsync(CancellationToken.None);
        }

        await Parallel.ForEachAsync(Enumerable.Range(0, counter.EntitiesLength), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (shard, token) =>
        {
            var partition = Sharding.PartitionKey(shard);
            await Task.WhenAll(scans.Select(s => ScanAsync(clients[s.Table], partition, s.Filter, token)));
            await WriteAsync(scratch, partition, counter.Entities(shard), token);
            await SendAsync(queue, counter.Messages(shard), token);
        });
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task ScanAsync(TableClient table, string partition, string? filter, CancellationToken cancellationToken)
    {
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + (filter is null ? "" : " and " + filter);
        await foreach (var page in table.QueryAsync<TableEntity>(query, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            _ = page.Values.Count;
        }
    }

    /// <summary>Entities shaped like ledger rows, the run's most common write.</summary>
    private static async Task WriteAsync(TableClient table, string partition, int count, CancellationToken cancellationToken)
    {
        for (var start = 0; start < count; start += 100)
        {
            var batch = Enumerable.Range(start, Math.Min(100, count - start)).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, "floor|" + i.ToString("D7", CultureInfo.InvariantCulture))
                {
                    ["customerId"] = "C000000",
                    ["invoiceId"] = "INV-000000-O000",
                    ["strategyVersion"] = "00000000",
                    ["stepId"] = "d10-escalate",
                    ["strategyId"] = "standard",
                    ["outcome"] = "fired",
                    ["on"] = "2026-11-23",
                    ["actionId"] = "20261123-C000000-email",
                })).ToList();
            await table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private static async Task SendAsync(QueueClient queue, int count, CancellationToken cancellationToken)
    {
        const string Message = """{"actionId":"20261123-C000000-email","shard":0,"customerId":"C000000","kind":"email","asOf":"2026-11-23"}""";
        for (var start = 0; start < count; start += 100)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(100, count - start)).Select(_ => queue.SendMessageAsync(Message, cancellationToken)));
        }
    }
}
