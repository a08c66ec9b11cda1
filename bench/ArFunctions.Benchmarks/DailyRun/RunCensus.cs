using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArFunctions.Application.Ports;
using ArFunctions.Local;
using ArFunctions.Storage.Tables;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ArFunctions.Benchmarks.DailyRun;

/// <summary>
/// Counts on the wire the entities every table request carried: entities a query or point read returned, and entities
/// an insert, replace, merge or entity group transaction wrote (each operation of a transaction counted on its own
/// table). With the <see cref="StorageCallRecorder"/> beside it, it says what one daily run costs Table Storage,
/// whatever layer made the call (docs/scale.md is built on these counts).
/// </summary>
internal sealed partial class EntityCensus : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _read = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _written = new(StringComparer.Ordinal);
    private readonly string _prefix;

    public EntityCensus(string tablePrefix) => _prefix = tablePrefix;

    /// <summary>Entities returned per table (prefix cut off).</summary>
    public IReadOnlyDictionary<string, long> Read => _read;

    /// <summary>Entities written per table (prefix cut off).</summary>
    public IReadOnlyDictionary<string, long> Written => _written;

    public TableClientOptions Attach(TableClientOptions options)
    {
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public void Clear()
    {
        _read.Clear();
        _written.Clear();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var sent = Sent(message);
        ProcessNext(message, pipeline);
        Count(message, sent);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var sent = Sent(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Count(message, sent);
    }

    /// <summary>The table of each operation a request carries: one for a single write, one per part of a transaction.</summary>
    private List<string> Sent(HttpMessage message)
    {
        var method = message.Request.Method.ToString();
        var table = TableOf(message.Request.Uri.Path);
        if (method == "GET" || table is null)
        {
            return [];
        }

        if (table != "$batch")
        {
            return method is "POST" or "PUT" or "PATCH" or "MERGE" && table != "Tables" ? [table] : [];
        }

        using var body = new MemoryStream();
        message.Request.Content?.WriteTo(body, CancellationToken.None);
        return [.. BatchPart().Matches(Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length)).Select(m => Strip(m.Groups["table"].Value))];
    }

    private void Count(HttpMessage message, List<string> sent)
    {
        if (message.Response.Status >= 300)
        {
            return;
        }

        foreach (var table in sent)
        {
            _written.AddOrUpdate(table, 1, (_, n) => n + 1);
        }

        var path = message.Request.Uri.Path;
        if (message.Request.Method != RequestMethod.Get || TableOf(path) is not { } read || read == "Tables")
        {
            return;
        }

        // A point read returns the entity itself; a query returns {"value": [...]}.
        using var json = JsonDocument.Parse(message.Response.Content);
        var count = json.RootElement.TryGetProperty("value", out var value) ? value.GetArrayLength() : 1;
        _read.AddOrUpdate(read, count, (_, n) => n + count);
    }

    private string? TableOf(string path)
    {
        var last = Uri.UnescapeDataString(path).TrimEnd('/').Split('/')[^1];
        var open = last.IndexOf('(', StringComparison.Ordinal);
        var name = open >= 0 ? last[..open] : last;
        return name.Length == 0 ? null : Strip(name);
    }

    private string Strip(string name) => name.StartsWith(_prefix, StringComparison.Ordinal) ? name[_prefix.Length..] : name;

    [GeneratedRegex(@"^(?:POST|PUT|PATCH|MERGE|DELETE) \S*/(?<table>[A-Za-z0-9]+)(?:\(|\s|\?)", RegexOptions.Multiline)]
    private static partial Regex BatchPart();
}

/// <summary>Prints the census of one daily run: entities read and written per table, round trips by kind, and what the tables hold after it.</summary>
internal static class RunCensus
{
    public static async Task PrintAsync(StorageCallRecorder calls, EntityCensus entities, StorageTables tables, int customers, int openInvoices, int shards)
    {
        Console.WriteLine(Line($"census of the timed run (for docs/scale.md): {customers:N0} customers, {openInvoices:N0} open invoices, {shards} shards"));
        Print("entities read", entities.Read, customers, openInvoices);
        Print("entities written", entities.Written, customers, openInvoices);
        var counts = calls.Counts(tables.Prefix);
        Console.WriteLine(Line($"  round trips: {counts.Values.Sum():N0} ({counts.Values.Sum() / (double)shards:0.0} per shard, {counts.Values.Sum() / (double)openInvoices:0.000} per open invoice)"));
        foreach (var (label, count) in counts.OrderByDescending(c => c.Value))
        {
            Console.WriteLine(Line($"    {label,-30} {count,9:N0}  {count / (double)shards,8:0.0} per shard  {count / (double)openInvoices,7:0.0000} per open invoice"));
        }

        Console.WriteLine("  stored after the run (rows; bytes by Table Storage's size formula):");
        long allRows = 0, allBytes = 0;
        foreach (var name in TableNames())
        {
            var (rows, bytes) = await SizeAsync(tables.Get(name));
            if (rows == 0)
            {
                continue;
            }

            (allRows, allBytes) = (allRows + rows, allBytes + bytes);
            Console.WriteLine(Line($"    {name,-20} {rows,9:N0} rows  {bytes / 1048576.0,8:0.00} MiB  {bytes / (double)rows,6:0} bytes a row  {bytes / (double)openInvoices,7:0.0} bytes per open invoice"));
        }

        Console.WriteLine(Line($"    {"all",-20} {allRows,9:N0} rows  {allBytes / 1048576.0,8:0.00} MiB  {allBytes / (double)allRows,6:0} bytes a row  {allBytes / (double)openInvoices,7:0.0} bytes per open invoice"));
    }

    /// <summary>
    /// What one shard's snapshot holds in memory while ProcessShard works on it: shard 0 read again as the run reads it,
    /// the managed heap measured after full collections before and after, per entity the read returned.
    /// </summary>
    public static async Task PrintShardMemoryAsync(IShardStore shards, EntityCensus entities, DateOnly asOf)
    {
        var before = entities.Read.Values.Sum();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var snapshot = await shards.ReadAsync(0, asOf, CancellationToken.None);
        var held = GC.GetTotalMemory(forceFullCollection: true) - heap;
        var read = entities.Read.Values.Sum() - before;
        var invoices = snapshot.Customers.Sum(c => c.Invoices.Length);
        GC.KeepAlive(snapshot);
        Console.WriteLine(Line($"  shard 0 in memory: {held / 1048576.0:0.00} MiB held for {read:N0} entities read ({snapshot.Customers.Count:N0} customers, {invoices:N0} invoices): {held / (double)read:0} bytes an entity"));
    }

    /// <summary>The same clients as the app's, through both counters.</summary>
    public static TableClientOptions TableOptions(StorageCallRecorder calls, EntityCensus entities) => entities.Attach(calls.Options());

    public static QueueClientOptions QueueOptions(StorageCallRecorder calls) => calls.Attach(new QueueClientOptions());

    private static void Print(string what, IReadOnlyDictionary<string, long> perTable, int customers, int openInvoices)
    {
        Console.WriteLine(Line($"  {what}: {perTable.Values.Sum():N0} ({perTable.Values.Sum() / (double)openInvoices:0.000} per open invoice)"));
        foreach (var (table, count) in perTable.OrderByDescending(t => t.Value))
        {
            Console.WriteLine(Line($"    {table,-20} {count,9:N0}  {count / (double)customers,7:0.000} per customer  {count / (double)openInvoices,7:0.0000} per open invoice"));
        }
    }

    private static IEnumerable<string> TableNames() =>
        typeof(StorageTables).GetFields().Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    private static async Task<(long Rows, long Bytes)> SizeAsync(TableHandle handle)
    {
        var table = await handle.GetAsync(CancellationToken.None);
        long rows = 0, bytes = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(maxPerPage: 1000))
        {
            rows++;
            bytes += EntityLimits.EstimateEntityBytes(entity);
        }

        return (rows, bytes);
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
