using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ArFunctions.FaultReplay;

/// <summary>A crash injected at a write: the process "dies" there (the handler's delivery fails and the host redelivers).</summary>
public sealed class InjectedCrashException(string point) : Exception($"Injected crash at {point}.")
{
    public string Point { get; } = point;
}

/// <summary>
/// Crashes at storage writes, seeded: a pipeline policy on every table and queue client of the app under test. Each
/// handler call (a queue delivery, a person's request) made through <see cref="Enter"/> crashes with probability
/// <see cref="CrashRate"/> at one of its writes (POST, PUT, PATCH, MERGE, DELETE), half the time before the request
/// reaches storage and half the time after it landed (the answer is lost). Half of the crashing calls crash at one of
/// their first <see cref="CrashWithin"/> writes, drawn at random; the other half are directed: they crash at the first
/// write point, however deep in the call, not yet crashed on that side (and not at all when every point they pass is),
/// so the points a call reaches only after hundreds of writes (a shard's finalisation) are crashed too. A write point
/// is the handler, the verb and the table or queue (its name without the replay's prefix); the report counts each
/// point's writes and crashes.
/// </summary>
public sealed class StorageFaults(int seed, string tablePrefix, string queuePrefix) : HttpPipelinePolicy
{
    private static readonly AsyncLocal<Flow?> Current = new();

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    /// <summary>Chance that a handler call crashes at one of its writes; 0 turns the faults off.</summary>
    public double CrashRate { get; set; }

    public int CrashWithin { get; set; } = 10;

    /// <summary>Crashes per write point and side ("SendEmail PATCH Actions before").</summary>
    public ConcurrentDictionary<string, int> Injected { get; } = new(StringComparer.Ordinal);

    /// <summary>Writes seen per write point, crashed or not.</summary>
    public ConcurrentDictionary<string, int> Writes { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs the rest of this flow of execution as one call of <paramref name="handler"/>, which may crash once.</summary>
    public void Enter(string handler)
    {
        lock (_gate)
        {
            var crashes = _random.NextDouble() < CrashRate;
            var directed = crashes && _random.Next(2) == 0;
            var crashAt = crashes && !directed ? _random.Next(1, CrashWithin + 1) : 0;
            Current.Value = new Flow(handler, crashAt, directed, _random.Next(2) == 0);
        }
    }

    /// <summary>Writes from here on are the replay's own: they never crash.</summary>
    public static void Leave() => Current.Value = null;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Current.Value is not { } flow || !IsWrite(message.Request.Method) || Resource(message.Request.Uri.Path) == "Tables")
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        var point = $"{flow.Handler} {message.Request.Method} {Resource(message.Request.Uri.Path)}";
        Writes.AddOrUpdate(point, 1, (_, n) => n + 1);
        var side = point + (flow.Before ? " before" : " after");
        var written = Interlocked.Increment(ref flow.Written);
        var crash = (written == flow.CrashAt || (flow.Directed && !Injected.ContainsKey(side))) && Interlocked.Exchange(ref flow.Crashed, 1) == 0;
        if (crash && flow.Before)
        {
            Injected.AddOrUpdate(side, 1, (_, n) => n + 1);
            throw new InjectedCrashException(side);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        if (crash)
        {
            Injected.AddOrUpdate(side, 1, (_, n) => n + 1);
            throw new InjectedCrashException(side);
        }
    }

    private static bool IsWrite(RequestMethod method) =>
        method == RequestMethod.Post || method == RequestMethod.Put || method == RequestMethod.Patch || method == RequestMethod.Delete
        || string.Equals(method.Method, "MERGE", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The table or queue a request names, without the account (Azurite's paths start with it), the replay's prefix and
    /// the key: "/devstoreaccount1/r1abcActions(PartitionKey='0',RowKey='x')" is "Actions", "/devstoreaccount1/r1abc-emails/messages"
    /// is "emails", a batch is "$batch".
    /// </summary>
    private string Resource(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var first = segments.Length > 1 && segments[0].StartsWith("devstoreaccount", StringComparison.Ordinal) ? segments[1] : segments.FirstOrDefault() ?? "";
        var paren = first.IndexOf('(', StringComparison.Ordinal);
        var name = paren >= 0 ? first[..paren] : first;
        return name.StartsWith(queuePrefix, StringComparison.Ordinal) ? name[queuePrefix.Length..]
            : name.StartsWith(tablePrefix, StringComparison.Ordinal) ? name[tablePrefix.Length..]
            : name;
    }

    /// <summary>One handler call: where it crashes (the n-th write, 0 for never, or directed) and on which side.</summary>
    private sealed class Flow(string handler, int crashAt, bool directed, bool before)
    {
        public int Written;

        public int Crashed;

        public bool Directed { get; } = directed;

        public string Handler { get; } = handler;

        public int CrashAt { get; } = crashAt;

        public bool Before { get; } = before;
    }
}
