using System.Buffers.Text;
using System.Security.Cryptography;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Portal;
using Microsoft.Extensions.Options;

namespace ArFunctions.Application.Portal;

/// <summary>A link just signed: the address to print, and its id (for revocation) and expiry.</summary>
public sealed record IssuedPortalLink(Uri Url, string Token, string LinkId, DateTimeOffset Expires);

/// <summary>
/// Signs customer links with the configured signing key and verifies them against every configured key, at the
/// injected clock's instant. Revocation and rate limits are the caller's next checks.
/// </summary>
public sealed class PortalLinks
{
    private readonly PortalOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<PortalKey> _keys;

    public PortalLinks(IOptions<PortalOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _keys = _options.IsConfigured ? _options.ToKeys() : [];
    }

    /// <summary>False when no portal is configured: emails then carry no link.</summary>
    public bool IsConfigured => _keys.Count > 0;

    /// <summary>A new link to <paramref name="customer"/>'s page for <paramref name="contact"/>, valid <paramref name="days"/> days from now.</summary>
    public IssuedPortalLink Issue(CustomerId customer, string contact, int days)
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("The customer portal is not configured (ArFunctions:Portal).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var key = _keys.Single(k => k.NotAfter is null);
        var issued = TruncateToSeconds(_time.GetUtcNow());
        var linkId = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
        var payload = new PortalLinkPayload(PortalLink.CurrentVersion, key.Id, linkId, customer, contact, issued, issued.AddDays(days));
        var token = PortalLink.Sign(payload, key);
        return new IssuedPortalLink(PageUrl(token), token, linkId, payload.Expires);
    }

    /// <summary>Shape, key, signature and expiry of <paramref name="token"/> now; never Valid when no portal is configured.</summary>
    public PortalLinkCheck Verify(string? token) =>
        IsConfigured ? PortalLink.Verify(token, _keys, _time.GetUtcNow()) : new PortalLinkCheck(PortalLinkStatus.UnknownKey);

    private Uri PageUrl(string token) => new(_options.BaseUrl!.TrimEnd('/') + "/api/portal/" + token, UriKind.Absolute);

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());
}
