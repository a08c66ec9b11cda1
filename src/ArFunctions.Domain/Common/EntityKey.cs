namespace ArFunctions.Domain.Common;

/// <summary>
/// Rules shared by every identifier that ends up in a Table Storage key: 1 to 128 characters,
/// none of '/', '\', '#', '?' and no control characters (Azure rejects those in PartitionKey and RowKey),
/// and no '|', which we use to join identifiers into composite keys (<see cref="Separator"/>).
/// </summary>
public static class EntityKey
{
    public const int MaxLength = 128;

    /// <summary>Joins identifiers in composite row keys such as <c>customerId|invoiceId</c>.</summary>
    public const char Separator = '|';

    public static bool IsValid(string? value, out string? error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "must not be empty";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters";
            return false;
        }

        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or Separator || char.IsControl(c))
            {
                error = $"must not contain '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString())}'";
                return false;
            }
        }

        error = null;
        return true;
    }
}
