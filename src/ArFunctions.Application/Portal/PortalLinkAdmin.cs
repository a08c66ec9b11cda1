using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Portal;

/// <summary>The outcome of an admin command: <see cref="Error"/> says why nothing was done.</summary>
public sealed record PortalAdminResult(string? Error = null, IssuedPortalLink? Link = null, string? Contact = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// What the AR team does with links by hand (<c>arfn portal link</c> and <c>arfn portal revoke</c>): sign a link for a
/// customer's contact, and revoke one link or all of a customer's links issued so far.
/// </summary>
public sealed class PortalLinkAdmin(PortalLinks links, IPortalRevocationStore revocations, ICustomerAccountReader accounts, IPolicySource policies, TimeProvider time)
{
    /// <summary>A link for <paramref name="contact"/>, else for the customer's first contact with an email address.</summary>
    public async Task<PortalAdminResult> IssueAsync(string customerId, string? contact, CancellationToken cancellationToken)
    {
        if (!links.IsConfigured)
        {
            return new PortalAdminResult($"The customer portal is not configured: set {PortalOptions.Section}:BaseUrl and {PortalOptions.Section}:Keys (docs/portal.md).");
        }

        if (!CustomerId.TryCreate(customerId, out var id, out var error))
        {
            return new PortalAdminResult($"Customer id {error}.");
        }

        var account = await accounts.GetAsync(id, [], cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return new PortalAdminResult($"No customer '{customerId}'.");
        }

        var to = contact ?? account.Customer.Contacts.FirstOrDefault(c => c.CanEmail)?.Email;
        if (string.IsNullOrWhiteSpace(to))
        {
            return new PortalAdminResult($"Customer '{customerId}' has no contact with an email address: pass --contact.");
        }

        if (!account.Customer.Contacts.Any(c => string.Equals(c.Email, to, StringComparison.OrdinalIgnoreCase)))
        {
            return new PortalAdminResult($"'{to}' is not a contact of customer '{customerId}'.");
        }

        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return new PortalAdminResult(Link: links.Issue(id, to, policy.Portal.LinkDays), Contact: to);
    }

    /// <summary>Revokes link <paramref name="linkId"/> of the customer, or every link of it issued up to now.</summary>
    public async Task<PortalAdminResult> RevokeAsync(string customerId, string? linkId, string revokedBy, CancellationToken cancellationToken)
    {
        if (!CustomerId.TryCreate(customerId, out var id, out var error))
        {
            return new PortalAdminResult($"Customer id {error}.");
        }

        if (linkId is not null && (linkId.Length is 0 or > 64 || !linkId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return new PortalAdminResult($"'{linkId}' is not a link id (letters, digits, '-' and '_': the id 'arfn portal link' prints).");
        }

        await revocations.RevokeAsync(new PortalRevocation(id, linkId, time.GetUtcNow(), revokedBy), cancellationToken).ConfigureAwait(false);
        return new PortalAdminResult();
    }
}
