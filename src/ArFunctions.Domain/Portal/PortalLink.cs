using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Portal;

/// <summary>
/// What a customer's personal link says: which link (<see cref="LinkId"/>, the unit of revocation and rate limiting),
/// whose account (<see cref="CustomerId"/>), which contact it was sent to, when it was issued and when it expires, and
/// which key (<see cref="KeyId"/>) signed it.
/// </summary>
public sealed record PortalLinkPayload(
    int Version,
    string KeyId,
    string LinkId,
    CustomerId CustomerId,
    string Contact,
    DateTimeOffset Issued,
    DateTimeOffset Expires);

/// <summary>
/// A signing key: <see cref="Id"/> travels in every token it signs; links it signed are accepted until
/// <see cref="NotAfter"/> (never refused on that ground when null).
/// </summary>
public sealed record PortalKey(string Id, byte[] Secret, DateTimeOffset? NotAfter = null)
{
    public const int MinSecretBytes = 32;
}

public enum PortalLinkStatus
{
    Valid,

    /// <summary>Not a token this app writes: wrong shape, encoding or version.</summary>
    Malformed,

    /// <summary>Signed by no key this app holds.</summary>
    UnknownKey,

    /// <summary>The signature does not match: a field was changed, or the token was made with another secret.</summary>
    BadSignature,

    /// <summary>Signed by a key retired (its NotAfter has passed).</summary>
    KeyRetired,

    Expired,
}

/// <summary>The outcome of <see cref="PortalLink.Verify"/>: the payload only when <see cref="Status"/> is Valid.</summary>
public sealed record PortalLinkCheck(PortalLinkStatus Status, PortalLinkPayload? Payload = null)
{
    public bool IsValid => Status == PortalLinkStatus.Valid;
}

/// <summary>
/// Signs and verifies customer links: <c>base64url(JSON payload) "." base64url(HMAC-SHA256(key, first part))</c>.
/// The key id sits in the payload so keys rotate: a new key signs new links while older ones keep verifying the links
/// they signed until their NotAfter. Pure: the caller passes the keys and the instant.
/// </summary>
public static class PortalLink
{
    public const int CurrentVersion = 1;

    /// <summary>Longer than any token this app writes (an email address is at most 254 characters).</summary>
    public const int MaxTokenLength = 1024;

    public static string Sign(PortalLinkPayload payload, PortalKey key)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(key);
        if (!string.Equals(payload.KeyId, key.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The payload names key '{payload.KeyId}' but key '{key.Id}' signs it.", nameof(key));
        }

        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(PortalLinkWire.From(payload), PortalLinkWireContext.Default.PortalLinkWire));
        return body + "." + Base64Url.EncodeToString(Mac(key.Secret, body));
    }

    /// <summary>Checks shape, key, signature, key retirement and expiry at <paramref name="now"/>, in that order.</summary>
    public static PortalLinkCheck Verify(string? token, IReadOnlyList<PortalKey> keys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var parts = string.IsNullOrEmpty(token) || token.Length > MaxTokenLength ? [] : token.Split('.');
        if (parts is not [var body, var signature] || !Base64Url.IsValid(body) || !Base64Url.IsValid(signature)
            || Read(body) is not { } payload)
        {
            return new PortalLinkCheck(PortalLinkStatus.Malformed);
        }

        var key = keys.FirstOrDefault(k => string.Equals(k.Id, payload.KeyId, StringComparison.Ordinal));
        if (key is null)
        {
            return new PortalLinkCheck(PortalLinkStatus.UnknownKey);
        }

        if (!CryptographicOperations.FixedTimeEquals(Mac(key.Secret, body), Base64Url.DecodeFromChars(signature)))
        {
            return new PortalLinkCheck(PortalLinkStatus.BadSignature);
        }

        if (key.NotAfter is { } notAfter && now > notAfter)
        {
            return new PortalLinkCheck(PortalLinkStatus.KeyRetired);
        }

        return now >= payload.Expires
            ? new PortalLinkCheck(PortalLinkStatus.Expired)
            : new PortalLinkCheck(PortalLinkStatus.Valid, payload);
    }

    private static byte[] Mac(byte[] secret, string body) => HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(body));

    private static PortalLinkPayload? Read(string body)
    {
        PortalLinkWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(body), PortalLinkWireContext.Default.PortalLinkWire);
        }
        catch (JsonException)
        {
            return null;
        }

        return wire?.ToPayload();
    }
}
