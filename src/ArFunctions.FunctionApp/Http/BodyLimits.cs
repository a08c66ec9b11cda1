using System.Collections.Frozen;
using System.Reflection;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// Declares the largest request body an HTTP function takes, in bytes. Every function whose trigger accepts a body
/// (post, put, patch) declares one, next to its route; <see cref="BodyLimits.Of"/> refuses an assembly where one does
/// not. <see cref="BodyGate"/> enforces it before the function runs.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MaxBodyAttribute(int bytes) : Attribute
{
    /// <summary>Bulk intake batches: well below the host's 100 MB request limit.</summary>
    public const int Bulk = 16 * 1024 * 1024;

    /// <summary>A policy document: hundreds of rules fit in a fraction of it.</summary>
    public const int Document = 1024 * 1024;

    /// <summary>A small command: an outcome, an assignment, a run request, a resolution.</summary>
    public const int Command = 64 * 1024;

    public int Bytes { get; } = bytes > 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "A body limit is at least one byte.");
}

/// <summary>Every HTTP function's body limit, by function name: the one table <see cref="BodyGate"/> and docs/api.md follow.</summary>
public sealed class BodyLimits(FrozenDictionary<string, int> byFunction)
{
    private static readonly string[] BodyMethods = ["post", "put", "patch"];

    /// <summary>The function's limit in bytes; null for a function that takes no body.</summary>
    public int? For(string function) => byFunction.TryGetValue(function, out var bytes) ? bytes : null;

    public IReadOnlyDictionary<string, int> All => byFunction;

    public static BodyLimits Of(Assembly assembly)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (name, trigger, method) in ApiDocument.HttpFunctions(assembly))
        {
            var takesBody = (trigger.Methods ?? BodyMethods).Any(m => BodyMethods.Contains(m, StringComparer.OrdinalIgnoreCase));
            if (method.GetCustomAttribute<MaxBodyAttribute>() is { } limit)
            {
                found[name] = limit.Bytes;
            }
            else if (takesBody)
            {
                missing.Add(name);
            }
        }

        return missing.Count == 0
            ? new BodyLimits(found.ToFrozenDictionary(StringComparer.Ordinal))
            : throw new InvalidOperationException("HTTP functions that take a body without a [MaxBody]: " + string.Join(", ", missing) + ".");
    }
}
