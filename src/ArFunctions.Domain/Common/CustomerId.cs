namespace ArFunctions.Domain.Common;

/// <summary>A customer's identifier; safe to use in a Table Storage key.</summary>
public readonly record struct CustomerId
{
    public CustomerId(string value)
    {
        if (!EntityKey.IsValid(value, out var error))
        {
            throw new ArgumentException($"Customer id {error}.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool TryCreate(string? value, out CustomerId id, out string? error)
    {
        if (EntityKey.IsValid(value, out error))
        {
            id = new CustomerId(value!);
            return true;
        }

        id = default;
        return false;
    }

    public override string ToString() => Value;
}
