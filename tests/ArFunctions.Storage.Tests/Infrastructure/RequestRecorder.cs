using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Infrastructure;

/// <summary>Records every request a client sends, so tests can see what went over the wire.</summary>
public sealed class RequestRecorder : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Method, string Path)> _requests = new();

    public IReadOnlyList<(string Method, string Path)> Requests => [.. _requests];

    /// <summary>Entity group transactions sent (POST .../$batch).</summary>
    public int Transactions => Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/$batch", StringComparison.Ordinal));

    public TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public override void OnSendingRequest(HttpMessage message) =>
        _requests.Enqueue((message.Request.Method.ToString(), message.Request.Uri.Path));

    public void Clear() => _requests.Clear();
}
