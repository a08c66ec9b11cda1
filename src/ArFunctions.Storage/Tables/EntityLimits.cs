using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tables;

/// <summary>
/// Azure Table Storage limits that Azurite does not enforce, checked before a write: at most
/// <see cref="MaxCustomProperties"/> properties besides the keys and timestamp, an entity of at most
/// <see cref="MaxEntityBytes"/> by Azure's size formula, strings of at most <see cref="MaxStringChars"/> characters,
/// binary values of at most 64 KiB, and keys of 1 to <see cref="MaxKeyChars"/> characters without '/', '\', '#', '?'
/// or control characters.
/// </summary>
public static class EntityLimits
{
    public const int MaxCustomProperties = 252;
    public const int MaxEntityBytes = 1024 * 1024;
    public const int MaxStringChars = 32 * 1024;
    public const int MaxBinaryBytes = 64 * 1024;

    /// <summary>1 KiB of UTF-16.</summary>
    public const int MaxKeyChars = 512;

    public const int MaxPropertyNameChars = 255;

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag", "ETag",
    };

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    /// <summary>Throws <see cref="StorageLimitException"/> naming the entity's keys and the first limit it breaks.</summary>
    public static void Validate(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var problem = KeyProblem("PartitionKey", entity.PartitionKey) ?? KeyProblem("RowKey", entity.RowKey) ?? PropertyProblem(entity);
        if (problem is not null)
        {
            throw new StorageLimitException(entity.PartitionKey, entity.RowKey, problem);
        }
    }

    /// <summary>
    /// The entity's size as Azure counts it: 4 bytes, plus the keys in UTF-16, plus for each property 8 bytes, its
    /// name in UTF-16 and its value (strings 4 + 2 per char, binary 4 + length, Int32 4, Int64/Double/DateTime 8,
    /// Guid 16, Boolean 1).
    /// </summary>
    public static long EstimateEntityBytes(ITableEntity entity)
    {
        long size = 4 + (2L * (entity.PartitionKey?.Length ?? 0)) + (2L * (entity.RowKey?.Length ?? 0));
        foreach (var (name, value) in CustomProperties(entity))
        {
            size += 8 + (2L * name.Length) + ValueBytes(value);
        }

        return size;
    }

    /// <summary>
    /// An upper bound of the bytes one entity adds to a transaction's request body: its JSON with every character that
    /// could be escaped counted as escaped, type annotations, and the part's headers and URL.
    /// </summary>
    public static long EstimateRequestBytes(ITableEntity entity)
    {
        // Multipart boundary, part headers, request line and If-Match: well under 1 KiB; keys appear in URL and body.
        long size = 1024 + (9L * (JsonChars(entity.PartitionKey) + JsonChars(entity.RowKey)));
        foreach (var (name, value) in CustomProperties(entity))
        {
            size += 8 + (2L * JsonChars(name)) + 40 + JsonValueBytes(value);
        }

        return size;
    }

    internal static IEnumerable<KeyValuePair<string, object?>> CustomProperties(ITableEntity entity)
    {
        if (entity is IDictionary<string, object?> dictionary)
        {
            return dictionary.Where(p => !SystemProperties.Contains(p.Key));
        }

        var properties = PropertiesByType.GetOrAdd(entity.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && !SystemProperties.Contains(p.Name)
                && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
            .ToArray());
        return properties.Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(entity)));
    }

    private static string? KeyProblem(string name, string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return $"{name} must not be empty.";
        }

        if (key.Length > MaxKeyChars)
        {
            return $"{name} has {key.Length} characters; at most {MaxKeyChars} (1 KiB).";
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return $"{name} must not contain '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString())}'.";
            }
        }

        return null;
    }

    private static string? PropertyProblem(ITableEntity entity)
    {
        var count = 0;
        foreach (var (name, value) in CustomProperties(entity))
        {
            // The service stores no nulls, so they do not count towards the property limit.
            count += value is null ? 0 : 1;
            var problem = name.Length is 0 or > MaxPropertyNameChars
                ? $"property name '{name}' must have 1 to {MaxPropertyNameChars} characters."
                : value switch
                {
                    string { Length: > MaxStringChars } text => $"property '{name}' holds {text.Length} characters; at most {MaxStringChars} (64 KiB).",
                    byte[] { Length: > MaxBinaryBytes } bytes => $"property '{name}' holds {bytes.Length} bytes; at most {MaxBinaryBytes}.",
                    BinaryData data when data.ToMemory().Length > MaxBinaryBytes => $"property '{name}' holds {data.ToMemory().Length} bytes; at most {MaxBinaryBytes}.",
                    _ => null,
                };
            if (problem is not null)
            {
                return problem;
            }
        }

        if (count > MaxCustomProperties)
        {
            return $"{count} properties; at most {MaxCustomProperties} besides PartitionKey, RowKey and Timestamp.";
        }

        var size = EstimateEntityBytes(entity);
        return size > MaxEntityBytes ? $"about {size} bytes; at most {MaxEntityBytes} (1 MiB)." : null;
    }

    private static long ValueBytes(object? value) => value switch
    {
        null => 0,
        string text => 4 + (2L * text.Length),
        byte[] bytes => 4 + bytes.Length,
        BinaryData data => 4 + data.ToMemory().Length,
        bool => 1,
        int => 4,
        Guid => 16,
        _ => 8,
    };

    private static long JsonValueBytes(object? value) => value switch
    {
        null => 4,
        string text => 2 + JsonChars(text),
        byte[] bytes => 2 + Base64Length(bytes.Length),
        BinaryData data => 2 + Base64Length(data.ToMemory().Length),
        bool => 5,
        _ => 48,
    };

    private static long Base64Length(long bytes) => 4 * ((bytes + 2) / 3);

    /// <summary>Characters the JSON writer may escape as \uXXXX count six bytes; ordinary ASCII counts one.</summary>
    private static long JsonChars(string? text)
    {
        if (text is null)
        {
            return 0;
        }

        long bytes = 0;
        foreach (var c in text)
        {
            bytes += c is >= ' ' and < (char)0x7F and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6;
        }

        return bytes;
    }
}
