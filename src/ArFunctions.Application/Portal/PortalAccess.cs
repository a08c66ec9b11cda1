using ArFunctions.Domain.Portal;

namespace ArFunctions.Application.Portal;

public enum PortalAccessStatus
{
    Open,

    /// <summary>Not a link this app signed (malformed, unknown key, bad signature), or no portal configured.</summary>
    Invalid,

    /// <summary>Past its expiry, or signed by a retired key.</summary>
    Expired,

    Revoked,

    RateLimited,
}

/// <summary>The outcome of opening a link: the verified payload only when <see cref="Status"/> is Open.</summary>
public sealed record PortalAccessResult(PortalAccessStatus Status, PortalLinkPayload? Link = null, TimeSpan RetryAfter = default);

/// <summary>
/// The one gate of every portal request: the link's signature and expiry (<see cref="PortalLinks"/>), then its rate
/// (<see cref="PortalRateLimiter"/>, counted only for links that verify, so forged tokens cannot fill it), then
/// revocation (one partition read). Only an Open result names a customer.
/// </summary>
public sealed class PortalAccess(PortalLinks links, PortalRateLimiter limiter, IPortalRevocationStore revocations)
{
    public async Task<PortalAccessResult> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var check = links.Verify(token);
        switch (check.Status)
        {
            case PortalLinkStatus.Valid:
                break;
            case PortalLinkStatus.Expired or PortalLinkStatus.KeyRetired:
                return new PortalAccessResult(PortalAccessStatus.Expired);
            default:
                return new PortalAccessResult(PortalAccessStatus.Invalid);
        }

        var link = check.Payload!;
        if (!limiter.TryAcquire(link.LinkId, out var retryAfter))
        {
            return new PortalAccessResult(PortalAccessStatus.RateLimited, RetryAfter: retryAfter);
        }

        var revoked = await revocations.OfCustomerAsync(link.CustomerId, cancellationToken).ConfigureAwait(false);
        return revoked.Any(r => r.Covers(link))
            ? new PortalAccessResult(PortalAccessStatus.Revoked)
            : new PortalAccessResult(PortalAccessStatus.Open, link);
    }
}
