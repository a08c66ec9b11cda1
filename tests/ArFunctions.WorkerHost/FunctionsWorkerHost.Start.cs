using System.Diagnostics;
using System.Text.Json;
using ArFunctions.WorkerHost.Grpc;
using ArFunctions.WorkerHost.Rpc;

namespace ArFunctions.WorkerHost;

public sealed partial class FunctionsWorkerHost
{
    private const string HostVersion = "4.1040.300.0";

    /// <summary>
    /// Starts the worker and brings it up as the Functions host does: StartStream, WorkerInitRequest/Response,
    /// FunctionsMetadataRequest (worker indexing), one FunctionLoadRequest per function. Returns once every function is
    /// loaded and the HTTP front end listens; throws <see cref="WorkerStartException"/> (with the worker's output and
    /// logs) when the worker fails, exits, or <see cref="WorkerHostOptions.StartTimeout"/> passes first.
    /// </summary>
    public static async Task<FunctionsWorkerHost> StartAsync(WorkerHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var host = new FunctionsWorkerHost(options);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.StartTimeout);
            await host.BringUpAsync(timeout.Token).ConfigureAwait(false);
            return host;
        }
        catch (Exception ex) when (ex is not WorkerStartException)
        {
            var failure = host.StartFailure(ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? $"The worker was not loaded within {options.StartTimeout}." : ex.Message, ex);
            await host.DisposeAsync().ConfigureAwait(false);
            throw failure;
        }
        catch (WorkerStartException)
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The worker starts its own Kestrel beside the gRPC stream, so it can advertise HttpUri before it listens there:
    /// wait until a connection is accepted, so the first forwarded request does not meet a refused connection.
    /// </summary>
    private async Task WaitForWorkerHttpAsync(CancellationToken cancellationToken)
    {
        if (WorkerHttpUri is null)
        {
            return;
        }

        while (true)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(WorkerHttpUri.Host, WorkerHttpUri.Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(25, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task BringUpAsync(CancellationToken cancellationToken)
    {
        _grpc = await GrpcServer.StartAsync(_channel, cancellationToken).ConfigureAwait(false);
        _clock = Stopwatch.StartNew();
        _process = WorkerProcess.Start(_options, _grpc.Address, _workerId, Guid.NewGuid().ToString());
        await WhileRunningAsync(_channel.Started, cancellationToken).ConfigureAwait(false);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var metadata = await IndexAsync(cancellationToken).ConfigureAwait(false);
        await LoadAsync(metadata, cancellationToken).ConfigureAwait(false);
        await WaitForWorkerHttpAsync(cancellationToken).ConfigureAwait(false);
        StartedIn = _clock.Elapsed;
        _frontEnd = await Http.HttpFrontEnd.StartAsync(this, cancellationToken).ConfigureAwait(false);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var request = new WorkerInitRequest
        {
            HostVersion = HostVersion,
            WorkerDirectory = _options.AppDirectory,
            FunctionAppDirectory = _options.AppDirectory,
        };
        request.Capabilities.Add("RpcHttpTriggerMetadataRemoved", "true");
        request.Capabilities.Add("RpcHttpBodyOnly", "true");
        request.Capabilities.Add("TypedDataCollection", "true");
        var response = await RequestAsync(WorkerChannel.InitKey, new StreamingMessage { WorkerInitRequest = request }, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response.WorkerInitResponse.Result, "WorkerInitRequest");
        Capabilities = response.WorkerInitResponse.Capabilities.ToDictionary();
        if (Capabilities.TryGetValue("HttpUri", out var httpUri) && !string.IsNullOrEmpty(httpUri))
        {
            WorkerHttpUri = new Uri(httpUri);
        }
    }

    private async Task<IReadOnlyList<RpcFunctionMetadata>> IndexAsync(CancellationToken cancellationToken)
    {
        var request = new FunctionsMetadataRequest { FunctionAppDirectory = _options.AppDirectory };
        var response = await RequestAsync(WorkerChannel.MetadataKey, new StreamingMessage { FunctionsMetadataRequest = request }, cancellationToken).ConfigureAwait(false);
        var metadata = response.FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "FunctionsMetadataRequest");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw StartFailure("The worker asked for host indexing (function.json files), which this host does not do.", null);
        }

        foreach (var function in metadata.FunctionMetadataResults.Where(f => f.Status is not null))
        {
            EnsureSuccess(function.Status, $"indexing {function.Name}");
        }

        return [.. metadata.FunctionMetadataResults];
    }

    private async Task LoadAsync(IReadOnlyList<RpcFunctionMetadata> metadata, CancellationToken cancellationToken)
    {
        var loads = metadata.Select(async m =>
        {
            var functionId = string.IsNullOrEmpty(m.FunctionId) ? Guid.NewGuid().ToString() : m.FunctionId;
            m.FunctionId = functionId;
            var request = new FunctionLoadRequest { FunctionId = functionId, Metadata = m };
            var response = await RequestAsync(WorkerChannel.LoadKey(functionId), new StreamingMessage { FunctionLoadRequest = request }, cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response.FunctionLoadResponse.Result, $"loading {m.Name}");
            return new LoadedFunction(m.Name, functionId, m.EntryPoint, [.. m.RawBindings.Select(ParseBinding)]);
        });
        _functions = await Task.WhenAll(loads).ConfigureAwait(false);
    }

    private static JsonElement ParseBinding(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        return document.RootElement.Clone();
    }

    private Task<StreamingMessage> RequestAsync(string key, StreamingMessage message, CancellationToken cancellationToken) =>
        WhileRunningAsync(_channel.RequestAsync(key, message, cancellationToken), cancellationToken);

    // Waits for a start step, failing at once if the worker process exits first instead of waiting out the timeout.
    private async Task<T> WhileRunningAsync<T>(Task<T> step, CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(step, _process!.Exited).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (first != step)
        {
            throw StartFailure($"The worker exited with code {_process.ExitCode} before it was loaded.", null);
        }

        return await step.ConfigureAwait(false);
    }

    private void EnsureSuccess(StatusResult? result, string step)
    {
        if (result is null || result.Status != StatusResult.Types.Status.Success)
        {
            var reason = result?.Exception?.Message ?? result?.Result ?? "no status";
            throw StartFailure($"The worker failed {step}: {reason}", null);
        }
    }

    private WorkerStartException StartFailure(string reason, Exception? inner)
    {
        var output = string.Join(Environment.NewLine, Output.TakeLast(200));
        var logs = string.Join(Environment.NewLine, Logs.TakeLast(100).Select(l => $"[{l.Level}] {l.Category}: {l.Message} {l.Exception}"));
        var message = $"{reason}{Environment.NewLine}--- worker output ---{Environment.NewLine}{output}{Environment.NewLine}--- worker logs ---{Environment.NewLine}{logs}";
        return inner is null ? new WorkerStartException(message) : new WorkerStartException(message, inner);
    }
}

/// <summary>The worker could not be brought up; the message carries its stdout/stderr and logs.</summary>
public sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
