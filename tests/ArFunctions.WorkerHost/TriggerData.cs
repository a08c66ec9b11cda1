using System.Globalization;
using System.Text.Json;
using ArFunctions.WorkerHost.Rpc;
using Microsoft.AspNetCore.Http;

namespace ArFunctions.WorkerHost;

/// <summary>
/// Builds InvocationRequests the way the Functions host fills them for each trigger: the trigger's input under its
/// binding name, and the binding data as trigger metadata (strings as strings, everything else as JSON).
/// </summary>
internal static class TriggerData
{
    /// <summary>A timer trigger: the host's TimerInfo as JSON (Schedule, ScheduleStatus Last/Next/LastUpdated, IsPastDue).</summary>
    public static InvocationRequest Timer(LoadedFunction function, bool isPastDue, DateTimeOffset now)
    {
        var timerInfo = new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = now.AddMinutes(-5), Next = now.AddMinutes(5), LastUpdated = now },
            IsPastDue = isPastDue,
        };
        var request = New(function);
        request.InputData.Add(new ParameterBinding { Name = BindingName(function), Data = new TypedData { Json = JsonSerializer.Serialize(timerInfo) } });
        return request;
    }

    /// <summary>A queue trigger: the decoded text as a string, and the host's queue binding data as trigger metadata.</summary>
    public static InvocationRequest Queue(LoadedFunction function, QueueMessageData message)
    {
        var request = New(function);
        request.InputData.Add(new ParameterBinding { Name = BindingName(function), Data = new TypedData { String = message.Text } });
        var metadata = request.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = message.Text };
        metadata["DequeueCount"] = Json(message.DequeueCount);
        metadata["Id"] = new TypedData { String = message.Id };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        metadata["InsertionTime"] = Json(message.InsertionTime);
        metadata["ExpirationTime"] = Json(message.ExpirationTime);
        metadata["NextVisibleTime"] = Json(message.NextVisibleTime);
        return request;
    }

    /// <summary>
    /// An HTTP trigger in proxying mode: the request's method, URL, headers, query and route values without the body
    /// (which the worker reads from the forwarded request), and route values, Query and Headers as trigger metadata.
    /// </summary>
    public static InvocationRequest Http(LoadedFunction function, HttpRequest request, IReadOnlyDictionary<string, string> routeValues)
    {
        var http = new RpcHttp { Method = request.Method, Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}" };
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = value.ToString();
        }

        var query = request.Query.Where(q => !string.IsNullOrEmpty(q.Value.ToString())).ToDictionary(q => q.Key, q => q.Value.ToString());
        http.Headers.Add(headers);
        http.Query.Add(query);
        http.Params.Add(routeValues.ToDictionary());

        var invocation = New(function);
        invocation.InputData.Add(new ParameterBinding { Name = BindingName(function), Data = new TypedData { Http = http } });
        foreach (var (name, value) in routeValues)
        {
            invocation.TriggerMetadata[name] = new TypedData { String = value };
        }

        invocation.TriggerMetadata["Query"] = Json(query);
        invocation.TriggerMetadata["Headers"] = Json(headers);
        return invocation;
    }

    private static InvocationRequest New(LoadedFunction function) => new()
    {
        InvocationId = Guid.NewGuid().ToString(),
        FunctionId = function.FunctionId,
        TraceContext = new RpcTraceContext(),
    };

    private static string BindingName(LoadedFunction function) =>
        function.Trigger is { } trigger && trigger.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "";

    private static TypedData Json<T>(T value) => new() { Json = JsonSerializer.Serialize(value) };
}

/// <summary>A received queue message as the trigger presents it (text already decoded per messageEncoding).</summary>
internal sealed record QueueMessageData(
    string Id,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime)
{
    /// <summary>A message made up for <see cref="FunctionsWorkerHost.InvokeQueueAsync"/>: never stored in a queue.</summary>
    public static QueueMessageData Synthetic(string text, int dequeueCount, string? id, DateTimeOffset now) =>
        new(id ?? Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), text, dequeueCount, now, now.AddDays(7), now.AddMinutes(10));
}
