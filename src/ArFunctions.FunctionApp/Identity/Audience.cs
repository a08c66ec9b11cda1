using System.Collections.Frozen;
using System.Reflection;
using ArFunctions.Application.Access;
using ArFunctions.FunctionApp.Http;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Identity;

/// <summary>Who an HTTP function is for, which decides how its caller is established (<see cref="CallerGate"/>).</summary>
public enum Audience
{
    /// <summary>Anyone: the payment webhooks (their signature is checked instead), the health probe, the page's static files.</summary>
    Public,

    /// <summary>
    /// Signed-in people only: anonymous at the Functions host, and a function key is worth nothing here. No trusted
    /// person is 401 (with where to sign in); a person without one of the function's roles is 403.
    /// </summary>
    People,

    /// <summary>
    /// The admin and intake routes: the Functions host lets in only holders of a function key (machines, such as an
    /// ERP sync). A signed-in person who also comes through needs one of the function's roles.
    /// </summary>
    Machines,
}

/// <summary>
/// Declares an HTTP function's <see cref="Audience"/> and the roles a person needs for it (none listed: any signed-in
/// person). Every HTTP function declares one; <see cref="HttpAudiences.Of"/> refuses an assembly where one does not,
/// or where the host's auth level disagrees (people and public routes are anonymous at the host, machine routes are
/// function-level).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CallersAttribute(Audience audience, params Role[] roles) : Attribute
{
    public Audience Audience { get; } = audience;

    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>Every HTTP function's declared callers, by function name.</summary>
public sealed class HttpAudiences(FrozenDictionary<string, CallersAttribute> byFunction)
{
    public CallersAttribute? For(string function) => byFunction.GetValueOrDefault(function);

    public IReadOnlyDictionary<string, CallersAttribute> All => byFunction;

    public static HttpAudiences Of(Assembly assembly)
    {
        var found = new Dictionary<string, CallersAttribute>(StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var (name, trigger, method) in ApiDocument.HttpFunctions(assembly))
        {
            if (method.GetCustomAttribute<CallersAttribute>() is not { } callers)
            {
                wrong.Add($"{name} declares no [Callers]");
                continue;
            }

            var keyed = trigger.AuthLevel != AuthorizationLevel.Anonymous;
            if (keyed != (callers.Audience == Audience.Machines))
            {
                wrong.Add($"{name} is for {callers.Audience} but AuthorizationLevel.{trigger.AuthLevel} at the host");
            }

            found[name] = callers;
        }

        return wrong.Count == 0
            ? new HttpAudiences(found.ToFrozenDictionary(StringComparer.Ordinal))
            : throw new InvalidOperationException("HTTP functions without a consistent audience: " + string.Join("; ", wrong) + ".");
    }
}
