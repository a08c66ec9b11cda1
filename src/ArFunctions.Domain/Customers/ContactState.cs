using System.Security.Cryptography;
using System.Text;

namespace ArFunctions.Domain.Customers;

/// <summary>Why the mail service no longer takes an address from us. Wire name: kebab-case.</summary>
public enum UnusableStatus
{
    /// <summary>The receiving server refused the address (hard bounce: no such mailbox, domain gone).</summary>
    Bounced,

    /// <summary>The service suppressed the send: the address is on its suppression list (an earlier bounce or complaint).</summary>
    Suppressed,
}

/// <summary>
/// The address is unusable since <see cref="At"/> (the delivery attempt the report names): <see cref="Status"/>, the
/// service's words, and <see cref="Report"/>, the email action whose report said so.
/// </summary>
public sealed record ContactUnusable(UnusableStatus Status, DateTimeOffset At, string Report, string? Details = null);

/// <summary>The contact asked for no more email reminders at <see cref="At"/>; <see cref="Source"/> is <c>portal</c> or the person who recorded it.</summary>
public sealed record ContactOptOut(DateTimeOffset At, string Source);

/// <summary>
/// What we know of one contact's email address beyond the customer's data: whether the mail service refused it, whether
/// the contact opted out of email, and the latest delivery report that counted. Keyed by customer and
/// its address (<see cref="ContactKeys.Of"/>), so a contact whose address is corrected is a new, usable address; the
/// opt-out follows the address the contact opted out with.
/// </summary>
public sealed record ContactState(string Address)
{
    /// <summary>The key of <see cref="Address"/> (<see cref="ContactKeys.Of"/>).</summary>
    public string Key => ContactKeys.Of(Address);

    public ContactUnusable? Unusable { get; init; }

    public ContactOptOut? OptedOut { get; init; }

    /// <summary>The attempt time of the latest delivery report applied; older and repeated reports change nothing.</summary>
    public DateTimeOffset? LastReportAt { get; init; }

    /// <summary>The "fix the contact" task raised for the current <see cref="Unusable"/> mark; null until it is written.</summary>
    public string? FixTaskId { get; init; }

    /// <summary>Whether we may email this address: neither unusable nor opted out.</summary>
    public bool TakesEmail => Unusable is null && OptedOut is null;

    /// <summary>
    /// The state after a delivery report attempted at <paramref name="at"/>, or null when it changes nothing.
    /// <paramref name="refused"/> is the report's bounce or suppression, null for a delivery. A report not newer than
    /// <see cref="LastReportAt"/> (a duplicate, or one that arrives out of order) changes nothing. A refusal marks the
    /// address unusable (an address already unusable keeps its first mark); a delivery newer than the mark clears it,
    /// since the mailbox took mail after it refused it.
    /// </summary>
    public ContactState? AfterReport(UnusableStatus? refused, DateTimeOffset at, string report, string? details)
    {
        if (LastReportAt is { } last && at <= last)
        {
            return null;
        }

        return refused switch
        {
            { } status when Unusable is null => this with { LastReportAt = at, Unusable = new ContactUnusable(status, at, report, details), FixTaskId = null },
            not null => this with { LastReportAt = at },
            null when Unusable is not null => this with { LastReportAt = at, Unusable = null, FixTaskId = null },
            null => this with { LastReportAt = at },
        };
    }
}

/// <summary>
/// The key of a contact's email address: the first 16 hex digits of the SHA-256 of the trimmed, lower-case address.
/// Key-safe and URL-safe, and it names the contact without showing the address (portal links carry it).
/// </summary>
public static class ContactKeys
{
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    public static string Of(string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(address))).AsSpan(0, 8));

    /// <summary>Whether <paramref name="contact"/>'s email address is <paramref name="address"/> (case and spaces aside).</summary>
    public static bool Matches(Contact contact, string address) =>
        contact.Email is { } email && string.Equals(Normalize(email), Normalize(address), StringComparison.Ordinal);
}
