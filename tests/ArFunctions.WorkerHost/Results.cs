using System.Text.Json;

namespace ArFunctions.WorkerHost;

/// <summary>A function the worker indexed and loaded: its name, the id the host gave it, and its raw bindings.</summary>
public sealed record LoadedFunction(string Name, string FunctionId, string EntryPoint, IReadOnlyList<JsonElement> Bindings)
{
    /// <summary>The trigger binding (the one whose type ends in <c>Trigger</c>), if any.</summary>
    public JsonElement? Trigger => Bindings
        .Where(b => b.TryGetProperty("type", out var t) && (t.GetString() ?? "").EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
        .Select(b => (JsonElement?)b)
        .FirstOrDefault();

    /// <summary>The trigger binding's type (<c>httpTrigger</c>, <c>queueTrigger</c>, <c>timerTrigger</c>), or empty.</summary>
    public string TriggerType => Trigger is { } t && t.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "";
}

/// <summary>One RpcLog the worker sent; <see cref="InvocationId"/> is set when it was written during an invocation.</summary>
public sealed record WorkerLogEntry(string? InvocationId, string Level, string Category, string Message, string? Exception);

/// <summary>
/// The outcome of one invocation: Success or Failure as the worker reported it, with the logs written during it.
/// <see cref="Error"/> is the worker's exception message on failure (or why the host gave up), else null.
/// </summary>
public sealed record InvocationResult(string InvocationId, bool Succeeded, string? Error, IReadOnlyList<WorkerLogEntry> Logs);

/// <summary>Every queue-triggered invocation a drain made, in the order they finished.</summary>
public sealed record DrainReport(IReadOnlyList<QueueInvocation> Invocations);

/// <summary>
/// One queue-triggered invocation: which message, which attempt (<see cref="DequeueCount"/>), and what became of it.
/// <see cref="MovedToPoison"/> is true when this attempt's failure (or a dequeue count past the limit) sent the message
/// to &lt;queue&gt;-poison.
/// </summary>
public sealed record QueueInvocation(
    string Function,
    string Queue,
    string MessageId,
    int DequeueCount,
    bool Succeeded,
    string? Error,
    bool MovedToPoison,
    IReadOnlyList<WorkerLogEntry> Logs);

/// <summary>Thrown by <see cref="QueueListener.DrainAsync(TimeSpan?, CancellationToken)"/> when the queues did not empty in time.</summary>
public sealed class DrainTimeoutException : TimeoutException
{
    public DrainTimeoutException()
        : this("The queues did not drain in time.", new DrainReport([]))
    {
    }

    public DrainTimeoutException(string message)
        : this(message, new DrainReport([]))
    {
    }

    public DrainTimeoutException(string message, Exception innerException)
        : base(message, innerException) => Report = new DrainReport([]);

    public DrainTimeoutException(string message, DrainReport report)
        : base(message) => Report = report;

    /// <summary>What the drain did before it gave up.</summary>
    public DrainReport Report { get; }
}
