using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ArFunctions.Local;

/// <summary>One request a storage client sent: its verb, path and query, what kind of call it was, and how long the answer took.</summary>
public sealed record StorageCall(string Method, string Path, string Query, TimeSpan Elapsed)
{
    /// <summary>
    /// The call in a word and its table or queue, as the round-trip counts name it: "read Invoices" (one entity by its
    /// keys), "query Actions" (a filter), "insert", "replace" (a replace or an upsert), "merge", "delete", "batch" (an entity group
    /// transaction), "receive", "send", "delete-message"; <paramref name="prefix"/> is cut off the resource's name.
    /// </summary>
    public string Label(string prefix = "")
    {
        var segments = Path.Trim('/').Split('/');
        var messages = Array.IndexOf(segments, "messages");
        var isQueue = messages > 0;
        var resource = isQueue ? segments[messages - 1] : segments[^1];
        var open = resource.IndexOf('(', StringComparison.Ordinal);
        var keyed = open >= 0 && resource.Contains("PartitionKey=", StringComparison.Ordinal);
        var name = open >= 0 ? resource[..open] : resource;
        if (prefix.Length > 0 && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            name = name[prefix.Length..].TrimStart('-');
        }

        var verb = (Method, isQueue) switch
        {
            ("GET", true) => "receive",
            ("POST", true) => "send",
            ("DELETE", true) => "delete-message",
            ("PUT", true) => "update-message",
            ("GET", _) when keyed => "read",
            ("GET", _) => "query",
            ("POST", _) when name == "$batch" => "batch",
            ("POST", _) => "insert",
            ("PUT", _) => "replace",
            ("PATCH", _) or ("MERGE", _) => "merge",
            ("DELETE", _) => "delete",
            _ => Method,
        };
        return name == "$batch" ? verb : verb + " " + name;
    }
}

/// <summary>
/// Records every request a table or queue client sends (a pipeline policy, per call), with how long its answer took:
/// the storage round trips of whatever ran in between, for the tests that pin them and the benchmarks that count them.
/// </summary>
public sealed class StorageCallRecorder : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<StorageCall> _calls = new();

    public IReadOnlyList<StorageCall> Calls => [.. _calls];

    /// <summary>Verb and path of every request, in order.</summary>
    public IReadOnlyList<(string Method, string Path)> Requests => [.. _calls.Select(c => (c.Method, c.Path))];

    /// <summary>Entity group transactions sent (POST .../$batch).</summary>
    public int Transactions => _calls.Count(r => r.Method == "POST" && r.Path.EndsWith("/$batch", StringComparison.Ordinal));

    /// <summary>Table client options that send through this recorder.</summary>
    public TableClientOptions Options() => Attach(new TableClientOptions());

    public TableClientOptions Attach(TableClientOptions options)
    {
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public QueueClientOptions Attach(QueueClientOptions options)
    {
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    /// <summary>Calls per <see cref="StorageCall.Label"/>, in label order.</summary>
    public SortedDictionary<string, int> Counts(string prefix = "") =>
        new(_calls.GroupBy(c => c.Label(prefix), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Total time answers took per label (calls overlap when several run at once).</summary>
    public SortedDictionary<string, TimeSpan> Time(string prefix = "") =>
        new(_calls.GroupBy(c => c.Label(prefix), StringComparer.Ordinal).ToDictionary(g => g.Key, g => TimeSpan.FromTicks(g.Sum(c => c.Elapsed.Ticks)), StringComparer.Ordinal), StringComparer.Ordinal);

    public void Clear() => _calls.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Record(message, started);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Record(message, started);
        }
    }

    private void Record(HttpMessage message, long started) =>
        _calls.Enqueue(new StorageCall(message.Request.Method.ToString(), Uri.UnescapeDataString(message.Request.Uri.Path), message.Request.Uri.Query, Stopwatch.GetElapsedTime(started)));
}
