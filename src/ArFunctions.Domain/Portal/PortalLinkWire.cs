using System.Text.Json.Serialization;

namespace ArFunctions.Domain.Portal;

/// <summary>The token's JSON payload: short names (the link travels in every email) and Unix seconds.</summary>
internal sealed record PortalLinkWire(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("kid")] string? KeyId,
    [property: JsonPropertyName("lid")] string? LinkId,
    [property: JsonPropertyName("cid")] string? CustomerId,
    [property: JsonPropertyName("to")] string? Contact,
    [property: JsonPropertyName("iat")] long Issued,
    [property: JsonPropertyName("exp")] long Expires)
{
    public static PortalLinkWire From(PortalLinkPayload payload) => new(
        payload.Version,
        payload.KeyId,
        payload.LinkId,
        payload.CustomerId.Value,
        payload.Contact,
        payload.Issued.ToUnixTimeSeconds(),
        payload.Expires.ToUnixTimeSeconds());

    /// <summary>The payload, or null when a field is missing or out of range.</summary>
    public PortalLinkPayload? ToPayload()
    {
        if (Version != PortalLink.CurrentVersion || string.IsNullOrEmpty(KeyId) || string.IsNullOrEmpty(LinkId)
            || string.IsNullOrEmpty(Contact) || !Common.CustomerId.TryCreate(CustomerId, out var customer, out _)
            || !InRange(Issued) || !InRange(Expires))
        {
            return null;
        }

        return new PortalLinkPayload(Version, KeyId, LinkId, customer, Contact,
            DateTimeOffset.FromUnixTimeSeconds(Issued), DateTimeOffset.FromUnixTimeSeconds(Expires));
    }

    private static bool InRange(long seconds) =>
        seconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
}

[JsonSerializable(typeof(PortalLinkWire))]
internal sealed partial class PortalLinkWireContext : JsonSerializerContext;
