using System.Globalization;

namespace ArFunctions.Domain.Common;

/// <summary>
/// Which characters free text from outside may hold. Names, ids and one-line fields refuse every control character
/// (C0, DEL, C1, so CR and LF too) and the Unicode line and paragraph separators: any of them can start a new line in
/// a plain-text email or a log. Multi-line notes allow LF (a line break a person typed) and nothing else of those.
/// </summary>
public static class TextRules
{
    /// <summary>Null when <paramref name="value"/> is acceptable, else why not (naming the first bad character).</summary>
    public static string? FindControlCharacter(string value, bool allowLineFeed = false)
    {
        foreach (var c in value)
        {
            if (c == '\n' && allowLineFeed)
            {
                continue;
            }

            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                var code = "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                return allowLineFeed
                    ? $"must not contain control characters ({code}); a line break is a line feed (U+000A) alone"
                    : $"must not contain control characters or line breaks ({code})";
            }
        }

        return null;
    }
}
