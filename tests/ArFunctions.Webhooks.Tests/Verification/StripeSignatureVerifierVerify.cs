using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArFunctions.Application.Webhooks;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace ArFunctions.Webhooks.Tests.Verification;

public class StripeSignatureVerifierVerify
{
    private const string Secret = "whsec_test_5up3r53cr3t";
    private const string Body = """{"id":"evt_1","object":"event","type":"invoice.paid","data":{"object":{"id":"in_1"}}}""";
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(300);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_793_610_000));

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void AcceptsGivenAHeaderMadeAsStripeDocumentsIt()
    {
        // Stripe's docs: HMAC-SHA256 of "{t}.{body}" with the endpoint secret, hex, as v1.
        var t = Now.ToString(CultureInfo.InvariantCulture);
        var hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(t + "." + Body)));

        var result = Verify($"t={t},v1={hex},v0=ignored");

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void AcceptsGivenAHeaderFromStripeNetsOwnGenerator()
    {
        var header = EventUtility.GenerateSignatureHeader(Body, Secret, Now);

        Assert.True(Verify(header).IsValid);
    }

    [Fact]
    public void AcceptsGivenTheSecondOfTwoRotatingSecrets()
    {
        var header = StripeSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(Body));

        var result = new StripeSignatureVerifier(_clock).Verify(header, Encoding.UTF8.GetBytes(Body), ["whsec_retired", Secret], Tolerance);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void AcceptsGivenOneOfSeveralV1SignaturesMatching()
    {
        var good = StripeSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(Body));
        var header = good.Replace(",v1=", ",v1=" + new string('0', 64) + ",v1=", StringComparison.Ordinal);

        Assert.True(Verify(header).IsValid);
    }

    public static TheoryData<string, VerificationFailure> Cases => new()
    {
        { "valid", VerificationFailure.None },
        { "tampered-body", VerificationFailure.NoMatchingSignature },
        { "tampered-signature", VerificationFailure.NoMatchingSignature },
        { "other-secret", VerificationFailure.NoMatchingSignature },
        { "old", VerificationFailure.Stale },
        { "future", VerificationFailure.Stale },
        { "edge-of-tolerance", VerificationFailure.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AgreesWithStripeNetGivenValidAndTamperedPayloads(string variant, VerificationFailure expected)
    {
        var (body, header) = Variant(variant);

        var ours = new StripeSignatureVerifier(_clock).Verify(header, Encoding.UTF8.GetBytes(body), [Secret], Tolerance);
        var stripeAccepts = StripeAccepts(body, header);

        Assert.Equal(expected, ours.Failure);
        Assert.Equal(stripeAccepts, ours.IsValid);
    }

    [Theory]
    [InlineData(null, VerificationFailure.MissingHeader)]
    [InlineData("", VerificationFailure.MissingHeader)]
    [InlineData("v1=abc", VerificationFailure.MalformedHeader)]
    [InlineData("t=1793610000", VerificationFailure.MalformedHeader)]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000", VerificationFailure.MalformedHeader)]
    [InlineData("t=1793610000,v1=zz", VerificationFailure.MalformedHeader)]
    [InlineData("garbage", VerificationFailure.MalformedHeader)]
    public void FailsWithTheReasonGivenABadHeader(string? header, VerificationFailure expected)
    {
        var result = Verify(header);

        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    private WebhookVerification Verify(string? header) =>
        new StripeSignatureVerifier(_clock).Verify(header, Encoding.UTF8.GetBytes(Body), [Secret], Tolerance);

    private (string Body, string Header) Variant(string variant)
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        return variant switch
        {
            "tampered-body" => (Body.Replace("in_1", "in_2", StringComparison.Ordinal), StripeSignatureVerifier.Sign(Secret, Now, bytes)),
            "tampered-signature" => (Body, FlipLastHex(StripeSignatureVerifier.Sign(Secret, Now, bytes))),
            "other-secret" => (Body, StripeSignatureVerifier.Sign("whsec_other", Now, bytes)),
            "old" => (Body, StripeSignatureVerifier.Sign(Secret, Now - 301, bytes)),
            "future" => (Body, StripeSignatureVerifier.Sign(Secret, Now + 301, bytes)),
            "edge-of-tolerance" => (Body, StripeSignatureVerifier.Sign(Secret, Now - 300, bytes)),
            _ => (Body, StripeSignatureVerifier.Sign(Secret, Now, bytes)),
        };
    }

    private bool StripeAccepts(string body, string header)
    {
        try
        {
            EventUtility.ValidateSignature(body, header, Secret, 300, Now);
            var stripeEvent = EventUtility.ConstructEvent(body, header, Secret, 300, Now, throwOnApiVersionMismatch: false);
            return stripeEvent.Id == "evt_1";
        }
        catch (StripeException)
        {
            return false;
        }
    }

    private static string FlipLastHex(string header) => header[..^1] + (header[^1] == '0' ? '1' : '0');
}
