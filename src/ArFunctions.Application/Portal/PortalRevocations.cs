using ArFunctions.Domain.Common;
using ArFunctions.Domain.Portal;

namespace ArFunctions.Application.Portal;

/// <summary>
/// A revoked link (<see cref="LinkId"/> set) or, with no link id, every link of the customer issued up to
/// <see cref="RevokedAt"/>: links sent after a whole-customer revocation open again.
/// </summary>
public sealed record PortalRevocation(CustomerId CustomerId, string? LinkId, DateTimeOffset RevokedAt, string RevokedBy)
{
    public bool Covers(PortalLinkPayload link) =>
        link.CustomerId == CustomerId
        && (LinkId is null ? link.Issued <= RevokedAt : string.Equals(LinkId, link.LinkId, StringComparison.Ordinal));
}

/// <summary>The PortalRevocations table: revocations per customer. Revoking again replaces the earlier row.</summary>
public interface IPortalRevocationStore
{
    Task RevokeAsync(PortalRevocation revocation, CancellationToken cancellationToken);

    Task<IReadOnlyList<PortalRevocation>> OfCustomerAsync(CustomerId customerId, CancellationToken cancellationToken);
}
