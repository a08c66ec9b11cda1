using System.Diagnostics;
using ArFunctions.WorkerHost.Grpc;
using ArFunctions.WorkerHost.Rpc;

namespace ArFunctions.WorkerHost;

/// <summary>
/// Plays the Azure Functions host for one built .NET isolated worker: starts the process, speaks the host's gRPC
/// protocol to it, serves its HTTP triggers on a local front end, invokes timer and queue triggers on demand and
/// drains trigger queues from Azure Storage (Azurite). Dispose stops the worker and everything this host started.
/// </summary>
public sealed partial class FunctionsWorkerHost : IAsyncDisposable
{
    private readonly WorkerHostOptions _options;
    private readonly WorkerChannel _channel = new();
    private readonly string _workerId = Guid.NewGuid().ToString();
    private GrpcServer? _grpc;
    private WorkerProcess? _process;
    private Http.HttpFrontEnd? _frontEnd;
    private Stopwatch _clock = new();
    private LoadedFunction[] _functions = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<Task<InvocationResult>> _httpInvocations = new();
    private long _firstAnsweredTicks = -1;
    private int _disposed;

    private FunctionsWorkerHost(WorkerHostOptions options)
    {
        _options = options;
        HostJson = HostJson.Read(options.AppDirectory);
        AppSettings = new AppSettings(options.Settings);
        Queues = new QueueListener(this);
    }

    /// <summary>Every function the worker indexed and loaded.</summary>
    public IReadOnlyList<LoadedFunction> Functions => _functions;

    /// <summary>The HTTP front end's address (http://127.0.0.1:&lt;port&gt;/); routes live under the host.json route prefix.</summary>
    public Uri BaseAddress => _frontEnd?.Address ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The key authLevel function routes demand.</summary>
    public string FunctionKey => _options.FunctionKey;

    /// <summary>The queue trigger listener over <see cref="WorkerHostOptions.StorageConnectionString"/>.</summary>
    public QueueListener Queues { get; }

    /// <summary>Every RpcLog the worker has sent so far.</summary>
    public IReadOnlyList<WorkerLogEntry> Logs => _channel.Logs;

    /// <summary>The worker process's stdout and stderr lines so far.</summary>
    public IReadOnlyList<string> Output => _process?.Output ?? [];

    /// <summary>The worker's process id once started.</summary>
    public int? WorkerProcessId => _process?.Id;

    /// <summary>From process start until every function was loaded.</summary>
    public TimeSpan StartedIn { get; private set; }

    /// <summary>From process start until the first InvocationResponse arrived; null before one has.</summary>
    public TimeSpan? FirstInvocationAnsweredIn => Interlocked.Read(ref _firstAnsweredTicks) is var t and >= 0 ? TimeSpan.FromTicks(t) : null;

    /// <summary>The HTTP-triggered invocations answered so far (those still running are left out).</summary>
    public IReadOnlyList<InvocationResult> HttpInvocations =>
        [.. _httpInvocations.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)];

    internal void TrackHttp(Task<InvocationResult> invocation) => _httpInvocations.Enqueue(invocation);

    /// <summary>The capabilities the worker advertised in WorkerInitResponse.</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>The worker's own HTTP endpoint (capability HttpUri) that HTTP triggers are forwarded to, if any.</summary>
    public Uri? WorkerHttpUri { get; private set; }

    internal HostJson HostJson { get; }

    internal AppSettings AppSettings { get; }

    internal WorkerHostOptions Options => _options;

    /// <summary>A client for the front end; with <paramref name="sendKey"/> it sends the function key as x-functions-key.</summary>
    public HttpClient CreateClient(bool sendKey = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (sendKey)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        }

        return client;
    }

    /// <summary>Invokes a timer-triggered function once, as the schedule would (IsPastDue as given).</summary>
    public Task<InvocationResult> InvokeTimerAsync(string function, bool isPastDue, CancellationToken cancellationToken = default) =>
        InvokeAsync(TriggerData.Timer(Find(function, "timerTrigger"), isPastDue, DateTimeOffset.UtcNow), cancellationToken);

    /// <summary>
    /// Invokes a queue-triggered function with <paramref name="messageText"/> as if it had been received, without a
    /// queue: the function sees <paramref name="dequeueCount"/> and <paramref name="messageId"/> (a new id when null).
    /// </summary>
    public Task<InvocationResult> InvokeQueueAsync(string function, string messageText, int dequeueCount = 1, string? messageId = null, CancellationToken cancellationToken = default)
    {
        var message = QueueMessageData.Synthetic(messageText, dequeueCount, messageId, DateTimeOffset.UtcNow);
        return InvokeAsync(TriggerData.Queue(Find(function, "queueTrigger"), message), cancellationToken);
    }

    /// <summary>The loaded function named <paramref name="name"/> (case-insensitive) with a trigger of <paramref name="triggerType"/>.</summary>
    internal LoadedFunction Find(string name, string triggerType)
    {
        var function = _functions.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"No function '{name}' was loaded; loaded: {string.Join(", ", _functions.Select(f => f.Name))}.", nameof(name));
        if (!string.Equals(function.TriggerType, triggerType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Function '{name}' has a {function.TriggerType}, not a {triggerType}.", nameof(name));
        }

        return function;
    }

    /// <summary>
    /// Sends one InvocationRequest and awaits its InvocationResponse, collecting the logs written under its invocation
    /// id. Past <see cref="WorkerHostOptions.InvocationTimeout"/> it sends InvocationCancel and returns a failure.
    /// </summary>
    internal async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var id = request.InvocationId;
        _channel.TrackInvocation(id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.InvocationTimeout);
        try
        {
            var message = await _channel.RequestAsync(WorkerChannel.InvocationKey(id), new StreamingMessage { InvocationRequest = request }, timeout.Token).ConfigureAwait(false);
            Interlocked.CompareExchange(ref _firstAnsweredTicks, _clock.Elapsed.Ticks, -1);
            var result = message.InvocationResponse.Result;
            var succeeded = result?.Status == StatusResult.Types.Status.Success;
            var error = succeeded ? null : result?.Exception?.Message ?? result?.Result ?? "The worker reported no status.";
            return new InvocationResult(id, succeeded, error, _channel.ReleaseInvocation(id));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TrySend(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = id } });
            return new InvocationResult(id, false, $"No InvocationResponse within {_options.InvocationTimeout}.", _channel.ReleaseInvocation(id));
        }
        catch (IOException ex)
        {
            return new InvocationResult(id, false, ex.Message, _channel.ReleaseInvocation(id));
        }
    }

    private void TrySend(StreamingMessage message)
    {
        try
        {
            _channel.Send(message);
        }
        catch (InvalidOperationException)
        {
            // The stream is already closed; there is nobody to tell.
        }
    }

    /// <summary>Stops the front end, asks the worker to terminate, kills it after a grace period, stops the gRPC server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_frontEnd is not null)
        {
            await _frontEnd.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            TrySend(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(2)) } });
            await _process.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            _process.Dispose();
        }

        if (_grpc is not null)
        {
            await _grpc.DisposeAsync().ConfigureAwait(false);
        }
    }
}
