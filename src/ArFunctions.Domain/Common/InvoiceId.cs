namespace ArFunctions.Domain.Common;

/// <summary>An invoice's identifier; safe to use in a Table Storage key.</summary>
public readonly record struct InvoiceId
{
    public InvoiceId(string value)
    {
        if (!EntityKey.IsValid(value, out var error))
        {
            throw new ArgumentException($"Invoice id {error}.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool TryCreate(string? value, out InvoiceId id, out string? error)
    {
        if (EntityKey.IsValid(value, out error))
        {
            id = new InvoiceId(value!);
            return true;
        }

        id = default;
        return false;
    }

    public override string ToString() => Value;
}
