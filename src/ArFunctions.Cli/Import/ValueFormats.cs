using System.Globalization;

namespace ArFunctions.Cli.Import;

/// <summary>
/// How a mapped file writes numbers: the decimal and thousands separators and the currency symbols to strip. Negative
/// amounts may be written <c>-450.00</c>, <c>450.00-</c>, <c>-$450.00</c> or in parentheses <c>($450.00)</c>. Thousands
/// separators are accepted only between groups of three digits of the whole part, so <c>1,2.50</c> is refused rather
/// than read as 12.50.
/// </summary>
internal sealed record NumberFormat
{
    public string Decimal { get; init; } = ".";

    /// <summary>Empty when the file has no thousands separator; a space also matches the no-break spaces.</summary>
    public string Thousands { get; init; } = "";

    public IReadOnlyList<string> CurrencySymbols { get; init; } = [];

    /// <summary>The canonical file's numbers: dot decimals, no separator, no symbol.</summary>
    public static NumberFormat Canonical { get; } = new();

    /// <summary>Describes the form for an error message: <c>1,234.50</c>.</summary>
    public string Example => $"a number such as {(Thousands.Length == 0 ? "" : "1" + Thousands)}234{Decimal}50";

    public bool TryParse(string text, out decimal value)
    {
        value = 0m;
        var s = text.Trim();
        var negative = false;
        if (s.Length > 2 && s[0] == '(' && s[^1] == ')')
        {
            negative = true;
            s = s[1..^1].Trim();
        }

        foreach (var symbol in CurrencySymbols.OrderByDescending(c => c.Length))
        {
            s = s.Replace(symbol, "", StringComparison.Ordinal).Trim();
        }

        if (s.StartsWith('-') || s.EndsWith('-'))
        {
            if (negative)
            {
                return false;
            }

            negative = true;
            s = (s.StartsWith('-') ? s[1..] : s[..^1]).Trim();
        }

        if (s.Length == 0 || s[0] == '-' || s[^1] == '-' || !TryUngroup(s, out var plain))
        {
            return false;
        }

        if (!decimal.TryParse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        value = negative ? -parsed : parsed;
        return true;
    }

    /// <summary>The number with a dot for decimals and no thousands separators, when its grouping is right.</summary>
    private bool TryUngroup(string s, out string plain)
    {
        plain = "";
        var parts = s.Split(Decimal);
        if (parts.Length > 2)
        {
            return false;
        }

        var whole = parts[0];
        if (Thousands.Length > 0)
        {
            var separators = Thousands == " " ? new[] { " ", "\u00A0", "\u202F" } : [Thousands];
            var groups = whole.Split(separators, StringSplitOptions.None);
            if (groups.Length > 1 && (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)))
            {
                return false;
            }

            whole = string.Concat(groups);
        }

        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || (parts.Length == 2 && !parts[1].All(char.IsAsciiDigit)))
        {
            return false;
        }

        plain = parts.Length == 2 ? whole + "." + parts[1] : whole;
        return true;
    }
}

/// <summary>The date forms of a mapped file (.NET custom formats, invariant culture: <c>M/d/yyyy</c>, <c>dd.MM.yyyy</c>, <c>d MMM yyyy</c>).</summary>
internal sealed record DateFormats(IReadOnlyList<string> Forms)
{
    public const string Canonical = "yyyy-MM-dd";

    public bool TryParse(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), [.. Forms], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public string Describe() => string.Join(" or ", Forms);
}
