namespace ArFunctions.Domain.Common;

/// <summary>An ISO 4217 alphabetic currency code: three upper-case ASCII letters.</summary>
public readonly record struct CurrencyCode
{
    public CurrencyCode(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"'{value}' is not an ISO 4217 currency code (three upper-case letters).", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool IsValid(string? value) =>
        value is { Length: 3 } && char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1]) && char.IsAsciiLetterUpper(value[2]);

    public static bool TryCreate(string? value, out CurrencyCode code)
    {
        if (IsValid(value))
        {
            code = new CurrencyCode(value!);
            return true;
        }

        code = default;
        return false;
    }

    public override string ToString() => Value;
}
