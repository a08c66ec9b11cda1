using System.Collections.Frozen;

namespace ArFunctions.Domain.Common;

/// <summary>
/// The wire name of an enum value: PascalCase becomes kebab-case (<c>DirectDebit</c> is <c>direct-debit</c>,
/// <c>EInvoice</c> is <c>e-invoice</c>). Policy files, CSV files and the HTTP API all use these names.
/// </summary>
public static class KebabName<TEnum>
    where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();
    private static readonly FrozenDictionary<TEnum, string> ToName = Values.ToFrozenDictionary(v => v, v => KebabName.FromPascal(v.ToString()));
    private static readonly FrozenDictionary<string, TEnum> FromName = Values.ToFrozenDictionary(v => ToName[v], v => v, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Values.Select(v => ToName[v]).ToArray();

    public static string Format(TEnum value) => ToName.TryGetValue(value, out var name) ? name : value.ToString();

    public static bool TryParse(string? name, out TEnum value)
    {
        if (name is not null && FromName.TryGetValue(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static TEnum Parse(string name) =>
        TryParse(name, out var value)
            ? value
            : throw new FormatException($"'{name}' is not one of: {string.Join(", ", Names)}.");
}

public static class KebabName
{
    public static string FromPascal(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
