using System.Buffers.Text;
using System.Text.Json.Nodes;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Portal;

namespace ArFunctions.Domain.Tests.Portal;

public class PortalLinkVerify
{
    private static readonly DateTimeOffset Issued = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly PortalKey OldKey = new("k1", Secret(1), NotAfter: Issued.AddDays(10));
    private static readonly PortalKey NewKey = new("k2", Secret(2));
    private static readonly PortalKey[] Keys = [OldKey, NewKey];

    private static byte[] Secret(byte seed) => Enumerable.Range(0, PortalKey.MinSecretBytes).Select(i => (byte)(i * 7 + seed)).ToArray();

    private static PortalLinkPayload Payload(PortalKey key) =>
        new(PortalLink.CurrentVersion, key.Id, "lnk-1", new CustomerId("C-100"), "ap@acme.test", Issued, Issued.AddDays(30));

    private static string Token(PortalKey key) => PortalLink.Sign(Payload(key), key);

    [Fact]
    public void ReturnsThePayloadGivenATokenItSigned()
    {
        var check = PortalLink.Verify(Token(NewKey), Keys, Issued.AddDays(1));

        Assert.Equal(PortalLinkStatus.Valid, check.Status);
        Assert.Equal(Payload(NewKey), check.Payload);
    }

    [Theory]
    [InlineData("lid", "lnk-2")]
    [InlineData("cid", "C-200")]
    [InlineData("to", "someone@else.test")]
    [InlineData("iat", 1700000000L)]
    [InlineData("exp", 4102444800L)]
    public void RefusesATokenGivenAnyFieldChanged(string field, object value)
    {
        var check = PortalLink.Verify(Tamper(Token(NewKey), field, value), Keys, Issued.AddDays(1));

        Assert.Equal(PortalLinkStatus.BadSignature, check.Status);
        Assert.Null(check.Payload);
    }

    [Fact]
    public void RefusesATokenGivenTheKeyIdSwappedForAnotherKnownKey() =>
        Assert.Equal(PortalLinkStatus.BadSignature, PortalLink.Verify(Tamper(Token(NewKey), "kid", "k1"), Keys, Issued.AddDays(1)).Status);

    [Fact]
    public void RefusesATokenGivenAKeyIdItDoesNotHold() =>
        Assert.Equal(PortalLinkStatus.UnknownKey, PortalLink.Verify(Tamper(Token(NewKey), "kid", "k9"), Keys, Issued.AddDays(1)).Status);

    [Fact]
    public void RefusesATokenGivenAnotherVersion() =>
        Assert.Equal(PortalLinkStatus.Malformed, PortalLink.Verify(Tamper(Token(NewKey), "v", 2), Keys, Issued.AddDays(1)).Status);

    [Fact]
    public void RefusesATokenGivenTheSignatureChanged()
    {
        var token = Token(NewKey);
        var flipped = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        Assert.Equal(PortalLinkStatus.BadSignature, PortalLink.Verify(flipped, Keys, Issued.AddDays(1)).Status);
    }

    [Fact]
    public void RefusesATokenGivenItWasSignedWithAnotherSecretUnderTheSameKeyId()
    {
        var forged = PortalLink.Sign(Payload(NewKey), NewKey with { Secret = Secret(99) });

        Assert.Equal(PortalLinkStatus.BadSignature, PortalLink.Verify(forged, Keys, Issued.AddDays(1)).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("e30.AAAA")]
    [InlineData("%%%.###")]
    public void RefusesAsMalformedGivenSomethingThatIsNotAToken(string token) =>
        Assert.Equal(PortalLinkStatus.Malformed, PortalLink.Verify(token, Keys, Issued).Status);

    [Fact]
    public void RefusesATokenGivenItsExpiryHasCome()
    {
        var token = Token(NewKey);

        Assert.Equal(PortalLinkStatus.Valid, PortalLink.Verify(token, Keys, Issued.AddDays(30).AddSeconds(-1)).Status);
        Assert.Equal(PortalLinkStatus.Expired, PortalLink.Verify(token, Keys, Issued.AddDays(30)).Status);
    }

    [Fact]
    public void AcceptsALinkOfTheOldKeyUntilItsNotAfterThenRefusesIt()
    {
        var token = Token(OldKey);

        Assert.Equal(PortalLinkStatus.Valid, PortalLink.Verify(token, Keys, OldKey.NotAfter!.Value).Status);
        Assert.Equal(PortalLinkStatus.KeyRetired, PortalLink.Verify(token, Keys, OldKey.NotAfter!.Value.AddSeconds(1)).Status);
        Assert.Equal(PortalLinkStatus.Valid, PortalLink.Verify(Token(NewKey), Keys, OldKey.NotAfter!.Value.AddSeconds(1)).Status);
    }

    [Fact]
    public void RefusesALinkOfAKeyRemovedFromTheRing() =>
        Assert.Equal(PortalLinkStatus.UnknownKey, PortalLink.Verify(Token(OldKey), [NewKey], Issued.AddDays(1)).Status);

    [Fact]
    public void RefusesToSignGivenAPayloadNamingAnotherKey() =>
        Assert.Throws<ArgumentException>(() => PortalLink.Sign(Payload(OldKey), NewKey));

    /// <summary>The token with one payload field replaced and the original signature kept.</summary>
    private static string Tamper(string token, string field, object value)
    {
        var parts = token.Split('.');
        var json = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        json[field] = JsonValue.Create(value);
        return Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())) + "." + parts[1];
    }
}
