using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Checks a <c>Stripe-Signature</c> header (<c>t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=...]</c>) against the raw body:
/// HMAC-SHA256 over <c>t + "." + body</c> keyed with the endpoint secret's UTF-8 text as is, compared in constant
/// time with every v1 under every active secret. Other schemes (v0) are ignored. Never throws on bad input.
/// </summary>
public sealed class StripeSignatureVerifier(TimeProvider timeProvider)
{
    public const string HeaderName = "Stripe-Signature";

    /// <summary>Longest header we look at; real ones are a few hundred characters.</summary>
    private const int MaxHeaderLength = 4096;

    public WebhookVerification Verify(string? signatureHeader, ReadOnlySpan<byte> rawBody, IReadOnlyList<string> secrets, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return WebhookVerification.Fail(VerificationFailure.MissingHeader, $"The {HeaderName} header is missing.");
        }

        if (!TryParse(signatureHeader, out var timestampText, out var timestamp, out var signatures))
        {
            return WebhookVerification.Fail(VerificationFailure.MalformedHeader, $"The {HeaderName} header needs t=<unix seconds> and at least one v1=<hex>.");
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - timestamp) > (long)tolerance.TotalSeconds)
        {
            return WebhookVerification.Fail(VerificationFailure.Stale, $"The {HeaderName} timestamp is outside the {(long)tolerance.TotalSeconds} s tolerance.");
        }

        var signed = SignedPayload(timestampText, rawBody);
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
            if (signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.Fail(VerificationFailure.NoMatchingSignature, "No v1 signature matches an active secret.");
    }

    /// <summary>The header Stripe would send for <paramref name="rawBody"/> at <paramref name="timestamp"/>: for tests and tools.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> rawBody)
    {
        var text = timestamp.ToString(CultureInfo.InvariantCulture);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), SignedPayload(text, rawBody));
        return $"t={text},v1={Convert.ToHexStringLower(hash)}";
    }

    private static byte[] SignedPayload(string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(signed, 0);
        rawBody.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }

    private static bool TryParse(string header, out string timestampText, out long timestamp, out List<byte[]> signatures)
    {
        timestampText = "";
        timestamp = 0;
        signatures = [];
        if (header.Length > MaxHeaderLength)
        {
            return false;
        }

        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = item[..equals].Trim();
            var value = item[(equals + 1)..].Trim();
            if (key == "t" && timestampText.Length == 0 && IsDigits(value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
            {
                timestampText = value;
            }
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        return timestampText.Length > 0 && signatures.Count > 0;
    }

    private static bool IsDigits(string value) => value.Length is > 0 and <= 12 && value.All(char.IsAsciiDigit);
}
