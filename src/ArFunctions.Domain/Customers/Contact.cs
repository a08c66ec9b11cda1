namespace ArFunctions.Domain.Customers;

/// <summary>A person at the customer. At least one of <see cref="Email"/> and <see cref="Phone"/> is set.</summary>
public sealed record Contact(
    string Name,
    ContactRole Role,
    string? Email,
    string? Phone,
    ContactChannel PreferredChannel = ContactChannel.Email,
    string? PreferredTime = null)
{
    public bool CanEmail => !string.IsNullOrWhiteSpace(Email);

    public bool CanCall => !string.IsNullOrWhiteSpace(Phone);
}
