namespace ArFunctions.Domain.Policies;

/// <summary>Turns an unknown name into a helpful message by finding the closest known name.</summary>
public static class NameSuggester
{
    /// <summary>Lists of at most this many names are spelled out when nothing is close.</summary>
    private const int MaxListed = 12;

    /// <summary>Prefixes shorter than this are never compared: two or three letters resemble too much.</summary>
    private const int MinPrefixLength = 4;

    /// <summary>
    /// The candidate closest to <paramref name="name"/> (case-insensitive, a transposition counting as one edit), or
    /// null when even the closest needs more than a third of the compared text's length in edits (at least 1, at most
    /// 3). The whole name is compared, and so is each leading part of it that ends before a '-', '_' or '.', so that
    /// a known name with words added still finds it (<c>statment-of-account</c> -> <c>statement</c>). Ties go to the
    /// earlier candidate.
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        var parts = LeadingParts(name);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            foreach (var part in parts)
            {
                var distance = Distance(part, candidate);
                if (distance <= Math.Clamp(part.Length / 3, 1, 3) && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }

        return best;
    }

    /// <summary><c>unknown field 'avgDayLate', did you mean 'avgDaysLate'?</c>, or the list of valid names when short.</summary>
    public static string Unknown(string what, string name, IReadOnlyCollection<string> candidates)
    {
        var nearest = Nearest(name, candidates);
        if (nearest is not null)
        {
            return $"unknown {what} '{name}', did you mean '{nearest}'?";
        }

        return candidates.Count is > 0 and <= MaxListed
            ? $"unknown {what} '{name}'; expected one of: {string.Join(", ", candidates)}"
            : $"unknown {what} '{name}'";
    }

    /// <summary>The name, then each prefix of it ending before a separator, longest first.</summary>
    private static List<string> LeadingParts(string name)
    {
        var parts = new List<string> { name };
        for (var i = name.Length - 1; i >= MinPrefixLength; i--)
        {
            if (name[i] is '-' or '_' or '.')
            {
                parts.Add(name[..i]);
            }
        }

        return parts;
    }

    /// <summary>Optimal string alignment distance, ignoring case.</summary>
    internal static int Distance(string a, string b)
    {
        var rows = a.Length + 1;
        var columns = b.Length + 1;
        var d = new int[rows, columns];
        for (var i = 0; i < rows; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j < columns; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i < rows; i++)
        {
            for (var j = 1; j < columns; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1
                    && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2])
                    && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[rows - 1, columns - 1];
    }
}
