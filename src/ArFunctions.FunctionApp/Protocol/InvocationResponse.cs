namespace ArFunctions.FunctionApp.Protocol;

/// <summary>
/// The reply to the host: <c>{ "Outputs": {...}, "Logs": [...], "ReturnValue": null }</c>. The property names are
/// the protocol's (PascalCase), whatever the API's JSON naming is.
/// </summary>
internal sealed class InvocationResponse
{
    [System.Text.Json.Serialization.JsonPropertyName("Outputs")]
    public Dictionary<string, object?> Outputs { get; init; } = [];

    [System.Text.Json.Serialization.JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    [System.Text.Json.Serialization.JsonPropertyName("ReturnValue")]
    public object? ReturnValue { get; init; }
}

/// <summary>How an invocation ended, which decides the status code the host sees.</summary>
internal enum FunctionStatus
{
    /// <summary>Done (or nothing left to do): 200, the host deletes the message.</summary>
    Succeeded,

    /// <summary>A later attempt can succeed (storage busy, a dependency down): 503, the host retries.</summary>
    Retry,

    /// <summary>
    /// The message can never succeed: it has been copied to the poison queue with its reason logged, and the reply is
    /// 200 so that the host does not redeliver it maxDequeueCount times first.
    /// </summary>
    Poisoned,
}

/// <summary>A function's outcome and the one line that says what happened (logged, and returned in Logs).</summary>
internal readonly record struct FunctionResult(FunctionStatus Status, string Message)
{
    public static FunctionResult Done(string message) => new(FunctionStatus.Succeeded, message);

    public static FunctionResult Retry(string message) => new(FunctionStatus.Retry, message);

    public static FunctionResult Poisoned(string message) => new(FunctionStatus.Poisoned, message);
}
