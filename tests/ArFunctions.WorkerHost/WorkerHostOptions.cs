namespace ArFunctions.WorkerHost;

/// <summary>
/// What <see cref="FunctionsWorkerHost.StartAsync"/> needs to play the Functions host for one built isolated worker.
/// </summary>
public sealed class WorkerHostOptions
{
    /// <summary>The build or publish output: the worker assembly, functions.metadata, host.json, worker.config.json.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>The worker assembly's file name inside <see cref="AppDirectory"/>, started as <c>dotnet &lt;AssemblyName&gt;</c>.</summary>
    public string AssemblyName { get; init; } = "ArFunctions.FunctionApp.dll";

    /// <summary>The AzureWebJobsStorage connection string: the queue listener reads it, and the worker gets it too.</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>
    /// App settings, passed to the worker as environment variables (a <c>:</c> in a name becomes <c>__</c>) and used to
    /// resolve <c>%Name%</c> in trigger metadata. A null value removes the variable from the worker's environment.
    /// </summary>
    public IDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The key that authLevel function (and admin) routes demand in <c>x-functions-key</c> or <c>?code=</c>.</summary>
    public string FunctionKey { get; init; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    /// <summary>From process start until every function is loaded; past it, StartAsync throws with the worker's output.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>When set, replaces host.json's extensions.queues (tests want a short visibility timeout).</summary>
    public QueueSettings? QueueSettings { get; init; }

    /// <summary>How long a single invocation may take before the invoke methods give up with a failed result.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The queue trigger's host.json settings (extensions.queues). A zero <see cref="VisibilityTimeout"/> means 30 s and a
/// zero <see cref="MaxPollingInterval"/> means 2 s when given here; host.json values follow the host's own defaults.
/// </summary>
/// <param name="BatchSize">Messages fetched per receive (the host caps it at 32).</param>
/// <param name="NewBatchThreshold">In flight at or below this, the next batch is fetched.</param>
/// <param name="MaxDequeueCount">After this many failed attempts a message goes to <c>&lt;queue&gt;-poison</c>.</param>
/// <param name="VisibilityTimeout">How long a failed message stays invisible before it is retried.</param>
/// <param name="MaxPollingInterval">The longest wait between polls of an empty queue.</param>
/// <param name="MessageEncoding"><c>base64</c> (the host's default) or <c>none</c>.</param>
public sealed record QueueSettings(
    int BatchSize = 16,
    int NewBatchThreshold = 8,
    int MaxDequeueCount = 5,
    TimeSpan VisibilityTimeout = default,
    TimeSpan MaxPollingInterval = default,
    string MessageEncoding = "base64")
{
    /// <summary>The visibility timeout to use: 30 s when none was given.</summary>
    public TimeSpan EffectiveVisibilityTimeout => VisibilityTimeout == default ? TimeSpan.FromSeconds(30) : VisibilityTimeout;

    /// <summary>The polling interval to use: 2 s when none was given.</summary>
    public TimeSpan EffectiveMaxPollingInterval => MaxPollingInterval == default ? TimeSpan.FromSeconds(2) : MaxPollingInterval;

    /// <summary>Whether message bodies are base64 (anything but <c>none</c>).</summary>
    public bool IsBase64 => !string.Equals(MessageEncoding, "none", StringComparison.OrdinalIgnoreCase);
}
