using MimeKit;

namespace ArFunctions.Application.Intake;

/// <summary>
/// The one check of an email address that comes from outside (intake and CSV import both go through it). The address
/// must be exactly one RFC 5322 mailbox as MimeKit's strict parser reads it, written as a bare addr-spec
/// (<c>name@domain.tld</c>): no display name, no angle brackets, no group, no route, no comment, no second address
/// after a comma, and a domain with a dot inside it.
/// </summary>
public static class EmailAddresses
{
    /// <summary>The longest address accepted (RFC 5321's path limit less the angle brackets).</summary>
    public const int MaxLength = 254;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        MaxAddressGroupDepth = 0,
    };

    /// <summary>Null when <paramref name="value"/> is an address we can send to, else why not.</summary>
    public static string? Problem(string value)
    {
        const string Shape = "is not one email address (name@domain.tld, nothing else)";
        if (value.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        if (!MailboxAddress.TryParse(Strict, value, out var mailbox)
            || mailbox is null
            || !string.IsNullOrEmpty(mailbox.Name)
            || mailbox.Route.Count > 0
            || !string.Equals(mailbox.Address, value, StringComparison.Ordinal))
        {
            return Shape;
        }

        var at = value.LastIndexOf('@');
        var domain = at < 0 ? "" : value[(at + 1)..];
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return at > 0 && dot > 0 && !domain.EndsWith('.') ? null : Shape;
    }
}
