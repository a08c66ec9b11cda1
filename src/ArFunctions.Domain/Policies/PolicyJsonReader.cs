using System.Globalization;
using System.Text.Json;
using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Policies;

/// <summary>A JSON value and the path that names it in error messages.</summary>
internal readonly record struct PolicyNode(JsonElement Element, string Path)
{
    public JsonValueKind Kind => Element.ValueKind;

    public static string Child(string parent, string name) => parent == "$" ? name : parent + "." + name;

    public string ChildPath(string name) => Child(Path, name);
}

/// <summary>
/// Reads values out of a parsed policy while collecting every problem with its path. Each accessor returns
/// null when the value is absent (JSON null counts as absent) or wrong, having recorded why in the latter case,
/// so callers carry on and report everything in one pass.
/// </summary>
internal sealed class PolicyJsonReader
{
    private readonly List<PolicyError> _errors = [];

    public IReadOnlyList<PolicyError> Errors => _errors;

    public int ErrorCount => _errors.Count;

    public void Error(string path, string message) => _errors.Add(new PolicyError(path, message));

    /// <summary>Checks that the node is an object whose properties are all in <paramref name="allowed"/>, each once.</summary>
    public bool IsObject(PolicyNode node, IReadOnlyCollection<string> allowed)
    {
        if (!Expect(node, JsonValueKind.Object))
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Element.EnumerateObject())
        {
            var path = node.ChildPath(property.Name);
            if (!allowed.Contains(property.Name))
            {
                Error(path, NameSuggester.Unknown("property", property.Name, allowed));
            }
            else if (!seen.Add(property.Name))
            {
                Error(path, "appears more than once");
            }
        }

        return true;
    }

    public bool Expect(PolicyNode node, JsonValueKind kind)
    {
        if (node.Kind == kind || (kind == JsonValueKind.True && node.Kind == JsonValueKind.False))
        {
            return true;
        }

        Error(node.Path, $"expected {Describe(kind)}, got {Describe(node.Kind)}");
        return false;
    }

    /// <summary>The property if present and not null; reports it as missing when <paramref name="required"/>.</summary>
    public bool TryGet(PolicyNode obj, string name, bool required, out PolicyNode value)
    {
        if (obj.Element.ValueKind == JsonValueKind.Object
            && obj.Element.TryGetProperty(name, out var element)
            && element.ValueKind != JsonValueKind.Null)
        {
            value = new PolicyNode(element, obj.ChildPath(name));
            return true;
        }

        if (required)
        {
            Error(obj.ChildPath(name), "is required");
        }

        value = default;
        return false;
    }

    public string? String(PolicyNode obj, string name, bool required = false)
    {
        if (!TryGet(obj, name, required, out var node) || !Expect(node, JsonValueKind.String))
        {
            return null;
        }

        var text = node.Element.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Error(node.Path, "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>An identifier that may end up in a storage key (see <see cref="EntityKey"/>).</summary>
    public string? Key(PolicyNode obj, string name, bool required = true)
    {
        var text = String(obj, name, required);
        if (text is not null && !EntityKey.IsValid(text, out var error))
        {
            Error(obj.ChildPath(name), error!);
            return null;
        }

        return text;
    }

    public int? Integer(PolicyNode obj, string name, int min, int max, bool required = false)
    {
        if (!TryGet(obj, name, required, out var node) || !Expect(node, JsonValueKind.Number))
        {
            return null;
        }

        if (!node.Element.TryGetInt32(out var value))
        {
            Error(node.Path, $"expected a whole number, got {node.Element.GetRawText()}");
            return null;
        }

        return InRange(node, value, min, max) ? value : null;
    }

    public double? Double(PolicyNode obj, string name, double min, double max)
    {
        if (!TryGet(obj, name, required: false, out var node) || !Expect(node, JsonValueKind.Number))
        {
            return null;
        }

        var value = node.Element.GetDouble();
        return InRange(node, value, min, max) ? value : null;
    }

    /// <summary>A decimal at least <paramref name="min"/> (or above it, when <paramref name="minExclusive"/>).</summary>
    public decimal? Decimal(PolicyNode node, decimal min, bool minExclusive = false)
    {
        if (!Expect(node, JsonValueKind.Number))
        {
            return null;
        }

        if (!node.Element.TryGetDecimal(out var value))
        {
            Error(node.Path, $"{node.Element.GetRawText()} is out of range");
            return null;
        }

        if (minExclusive ? value > min : value >= min)
        {
            return value;
        }

        var bound = min.ToString(CultureInfo.InvariantCulture);
        Error(node.Path, $"must be {(minExclusive ? "greater than" : "at least")} {bound}, got {node.Element.GetRawText()}");
        return null;
    }

    public bool? Boolean(PolicyNode obj, string name) =>
        TryGet(obj, name, required: false, out var node) && Expect(node, JsonValueKind.True) ? node.Element.GetBoolean() : null;

    /// <summary>An enum value by its kebab-case wire name; <paramref name="what"/> names it in messages ("action").</summary>
    public TEnum? Enum<TEnum>(PolicyNode obj, string name, string what, bool required = false)
        where TEnum : struct, Enum =>
        TryGet(obj, name, required, out var node) ? EnumValue<TEnum>(node, what) : null;

    public TEnum? EnumValue<TEnum>(PolicyNode node, string what)
        where TEnum : struct, Enum
    {
        if (!Expect(node, JsonValueKind.String))
        {
            return null;
        }

        var text = node.Element.GetString()!;
        if (KebabName<TEnum>.TryParse(text, out var value))
        {
            return value;
        }

        Error(node.Path, NameSuggester.Unknown(what, text, KebabName<TEnum>.Names));
        return null;
    }

    /// <summary>The items of an array property, each with its path; nothing when absent or not an array.</summary>
    public List<PolicyNode> Items(PolicyNode obj, string name, bool required = false)
    {
        var items = new List<PolicyNode>();
        if (!TryGet(obj, name, required, out var node) || !Expect(node, JsonValueKind.Array))
        {
            return items;
        }

        var index = 0;
        foreach (var element in node.Element.EnumerateArray())
        {
            items.Add(new PolicyNode(element, $"{node.Path}[{index++}]"));
        }

        return items;
    }

    private bool InRange<T>(PolicyNode node, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0)
        {
            return true;
        }

        Error(node.Path, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, got {node.Element.GetRawText()}"));
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Null => "null",
        _ => "a value",
    };
}
