namespace ArFunctions.Email.Acs;

/// <summary>An ACS connection string, <c>endpoint=https://...;accesskey=base64</c> (keys case-insensitive, any order).</summary>
public sealed record AcsConnectionString(Uri Endpoint, byte[] AccessKey)
{
    public static bool TryParse(string text, out AcsConnectionString? value, out string? error)
    {
        value = null;
        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            error = "needs endpoint=<absolute URI>";
            return false;
        }

        if (!parts.TryGetValue("accesskey", out var key) || !TryDecode(key, out var bytes))
        {
            error = "needs accesskey=<base64 key>";
            return false;
        }

        value = new AcsConnectionString(uri, bytes);
        error = null;
        return true;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[base64.Length];
        if (Convert.TryFromBase64String(base64, bytes, out var written) && written > 0)
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
