using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArFunctions.Application.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Webhooks.Tests.Verification;

public class StandardWebhookVerifierVerify
{
    // The example of the Standard Webhooks reference libraries.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"test": 2432232314}""";
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(Timestamp + 10));

    [Fact]
    public void AcceptsGivenTheReferenceLibrariesExample()
    {
        var result = Verify(Id, "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void AcceptsGivenASignatureComputedIndependently()
    {
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{Id}.{Timestamp.ToString(CultureInfo.InvariantCulture)}.{Body}");
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));

        Assert.True(Verify(Id, "1614265330", "v2,abc " + signature).IsValid);
        Assert.Equal(signature, StandardWebhookVerifier.Sign(Secret, Id, Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void AcceptsGivenTheSecondOfTwoRotatingSecrets()
    {
        var signature = StandardWebhookVerifier.Sign(Secret, Id, Timestamp, Encoding.UTF8.GetBytes(Body));

        var result = new StandardWebhookVerifier(_clock).Verify(Id, "1614265330", signature, Encoding.UTF8.GetBytes(Body), ["whsec_AAAAAAAAAAAAAAAA", Secret], Tolerance);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData(null, "1614265330", "v1,x", VerificationFailure.MissingHeader)]
    [InlineData(Id, null, "v1,x", VerificationFailure.MissingHeader)]
    [InlineData(Id, "1614265330", null, VerificationFailure.MissingHeader)]
    [InlineData(Id, "16142653.30", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.MalformedHeader)]
    [InlineData(Id, "1614265330", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.MalformedHeader)]
    [InlineData(Id, "1614265330", "v1,not-base64!", VerificationFailure.MalformedHeader)]
    [InlineData(Id, "1614264000", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.Stale)]
    [InlineData(Id, "1614266000", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.Stale)]
    [InlineData("msg_other", "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.NoMatchingSignature)]
    [InlineData(Id, "1614265331", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", VerificationFailure.NoMatchingSignature)]
    public void FailsWithTheReasonGivenABadRequest(string? id, string? timestamp, string? signature, VerificationFailure expected)
    {
        var result = Verify(id, timestamp, signature);

        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void FailsGivenATamperedBody()
    {
        var result = new StandardWebhookVerifier(_clock).Verify(Id, "1614265330", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Encoding.UTF8.GetBytes("""{"test": 2432232315}"""), [Secret], Tolerance);

        Assert.Equal(VerificationFailure.NoMatchingSignature, result.Failure);
    }

    private WebhookVerification Verify(string? id, string? timestamp, string? signature) =>
        new StandardWebhookVerifier(_clock).Verify(id, timestamp, signature, Encoding.UTF8.GetBytes(Body), [Secret], Tolerance);
}
