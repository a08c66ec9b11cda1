namespace ArFunctions.FunctionApp.Functions;

/// <summary>The host's key check on an HTTP function (function.json <c>authLevel</c>).</summary>
public enum AuthLevel
{
    Anonymous,
    Function,
}

/// <summary>
/// Endpoint metadata naming the function an HTTP route serves: its folder under functions/ must hold a function.json
/// with one httpTrigger (this route, these methods, this auth level) and one http output, so the host forwards it.
/// </summary>
public sealed record HttpFunction(string Name, AuthLevel AuthLevel);

/// <summary>Endpoint metadata of a non-HTTP trigger invoked at <c>POST /{Name}</c>: a timer, or a queue trigger on <see cref="QueueName"/>.</summary>
public sealed record TriggerFunction(string Name, string BindingType, string BindingName, string? QueueName);
