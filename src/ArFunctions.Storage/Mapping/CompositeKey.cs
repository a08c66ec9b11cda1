using ArFunctions.Domain.Common;

namespace ArFunctions.Storage.Mapping;

/// <summary>
/// Row keys made of several identifiers joined by <see cref="EntityKey.Separator"/> ('|'). Identifiers can never
/// contain the separator, so a key splits back into exactly its parts.
/// </summary>
public static class CompositeKey
{
    public static string Join(params ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
        {
            if (!EntityKey.IsValid(part, out var error))
            {
                throw new ArgumentException($"Key part '{part}' {error}.", nameof(parts));
            }
        }

        return string.Join(EntityKey.Separator, parts.ToArray());
    }

    /// <summary>Splits a key that must have exactly <paramref name="count"/> parts.</summary>
    public static string[] Split(string key, int count)
    {
        var parts = key.Split(EntityKey.Separator);
        return parts.Length == count
            ? parts
            : throw new FormatException($"Row key '{key}' has {parts.Length} parts joined by '{EntityKey.Separator}'; expected {count}.");
    }

    /// <summary>
    /// The lowest key after every key that starts with <paramref name="prefix"/> and the separator: '|' + 1 is '}'.
    /// Use as the exclusive upper bound of a range query over one prefix.
    /// </summary>
    public static string PrefixEnd(string prefix) => prefix + (char)(EntityKey.Separator + 1);
}
