using DotLiquid;

namespace ArFunctions.Email.Templates;

/// <summary>A template object with a fixed set of members; reading any other member is reported as an unknown variable.</summary>
internal sealed class StrictDrop(string path, IReadOnlyDictionary<string, object?> members, ICollection<string> unknown) : Drop
{
    public override object? BeforeMethod(string method)
    {
        if (members.TryGetValue(method, out var value))
        {
            return value;
        }

        unknown.Add($"{path}.{method}");
        return null;
    }
}
