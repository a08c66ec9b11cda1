using System.Collections.Concurrent;
using System.Threading.Channels;
using ArFunctions.WorkerHost.Rpc;
using Grpc.Core;

namespace ArFunctions.WorkerHost.Grpc;

/// <summary>
/// The host end of the worker's one EventStream: queues what the host sends, pairs each response with the request
/// that asked for it (init, metadata, load by function id, invocation by invocation id) and keeps every RpcLog.
/// </summary>
internal sealed class WorkerChannel
{
    private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>(new() { SingleReader = true });
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<WorkerLogEntry>> _invocationLogs = new();
    private readonly ConcurrentQueue<WorkerLogEntry> _logs = new();
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the worker id once the worker has opened the stream with StartStream.</summary>
    public Task<string> Started => _started.Task;

    /// <summary>Completes when the stream has ended (the worker left or the host stopped).</summary>
    public Task Closed => _closed.Task;

    public IReadOnlyList<WorkerLogEntry> Logs => [.. _logs];

    /// <summary>Serves one EventStream call until either side ends it.</summary>
    public async Task ServeAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        var writer = WriteAllAsync(responses, cancellationToken);
        try
        {
            while (await requests.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                Dispatch(requests.Current);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or global::Grpc.Core.RpcException)
        {
            // The worker went away or the host is stopping: the pending requests fail below.
        }
        finally
        {
            Close();
        }

        await writer.ConfigureAwait(false);
    }

    private async Task WriteAllAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await responses.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The call ended while a message was queued; nobody is left to read it.
        }
    }

    /// <summary>Sends <paramref name="message"/> and awaits the response the worker files under <paramref name="key"/>.</summary>
    public async Task<StreamingMessage> RequestAsync(string key, StreamingMessage message, CancellationToken cancellationToken)
    {
        var response = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, response))
        {
            throw new InvalidOperationException($"A request is already waiting for '{key}'.");
        }

        try
        {
            Send(message);
            return await response.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>Queues a message that expects no answer (WorkerTerminate, InvocationCancel).</summary>
    public void Send(StreamingMessage message)
    {
        if (!_outgoing.Writer.TryWrite(message))
        {
            throw new InvalidOperationException("The worker's stream is closed.");
        }
    }

    /// <summary>Starts collecting the logs of one invocation (call before sending its request).</summary>
    public void TrackInvocation(string invocationId) => _invocationLogs.TryAdd(invocationId, new ConcurrentQueue<WorkerLogEntry>());

    /// <summary>Stops collecting and returns what the invocation logged.</summary>
    public IReadOnlyList<WorkerLogEntry> ReleaseInvocation(string invocationId) =>
        _invocationLogs.TryRemove(invocationId, out var logs) ? [.. logs] : [];

    public static string InvocationKey(string invocationId) => "invocation:" + invocationId;

    public static string LoadKey(string functionId) => "load:" + functionId;

    public const string InitKey = "init";

    public const string MetadataKey = "metadata";

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream:
                _started.TrySetResult(message.StartStream.WorkerId);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Complete(InitKey, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Complete(MetadataKey, message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Complete(LoadKey(message.FunctionLoadResponse.FunctionId), message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Complete(InvocationKey(message.InvocationResponse.InvocationId), message);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Keep(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerStatusRequest:
                Send(new StreamingMessage { WorkerStatusResponse = new WorkerStatusResponse() });
                break;
            default:
                // Heartbeats and messages this subset does not model are ignored, as the host ignores unknown ones.
                break;
        }
    }

    private void Complete(string key, StreamingMessage message)
    {
        if (_pending.TryGetValue(key, out var waiting))
        {
            waiting.TrySetResult(message);
        }
    }

    private void Keep(RpcLog log)
    {
        var invocationId = string.IsNullOrEmpty(log.InvocationId) ? null : log.InvocationId;
        var exception = log.Exception is null ? null : $"{log.Exception.Type}: {log.Exception.Message}".TrimStart(':', ' ');
        var entry = new WorkerLogEntry(invocationId, log.Level.ToString(), log.Category, log.Message, exception);
        _logs.Enqueue(entry);
        if (invocationId is not null && _invocationLogs.TryGetValue(invocationId, out var logs))
        {
            logs.Enqueue(entry);
        }
    }

    private void Close()
    {
        _outgoing.Writer.TryComplete();
        _started.TrySetException(new InvalidOperationException("The worker's stream closed before StartStream."));
        foreach (var waiting in _pending.Values)
        {
            waiting.TrySetException(new IOException("The worker's stream closed."));
        }

        _closed.TrySetResult();
    }
}
