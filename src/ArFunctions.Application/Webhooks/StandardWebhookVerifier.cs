using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Checks a Standard Webhooks request: headers <c>webhook-id</c>, <c>webhook-timestamp</c> (unix seconds) and
/// <c>webhook-signature</c> (space-separated <c>v1,&lt;base64&gt;</c>); HMAC-SHA256 over <c>id.timestamp.body</c>
/// keyed with the base64-decoded bytes of a <c>whsec_</c> secret, compared in constant time. Never throws on bad input.
/// </summary>
public sealed class StandardWebhookVerifier(TimeProvider timeProvider)
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    private const int MaxHeaderLength = 4096;

    public WebhookVerification Verify(string? id, string? timestamp, string? signature, ReadOnlySpan<byte> rawBody, IReadOnlyList<string> secrets, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            var missing = string.IsNullOrEmpty(id) ? IdHeader : string.IsNullOrEmpty(timestamp) ? TimestampHeader : SignatureHeader;
            return WebhookVerification.Fail(VerificationFailure.MissingHeader, $"The {missing} header is missing.");
        }

        if (id.Length > 256 || signature.Length > MaxHeaderLength || id.Contains('.', StringComparison.Ordinal))
        {
            return WebhookVerification.Fail(VerificationFailure.MalformedHeader, $"The {IdHeader} or {SignatureHeader} header is malformed.");
        }

        if (timestamp.Length is 0 or > 12 || !timestamp.All(char.IsAsciiDigit) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerification.Fail(VerificationFailure.MalformedHeader, $"The {TimestampHeader} header must be unix seconds.");
        }

        var signatures = ParseSignatures(signature);
        if (signatures.Count == 0)
        {
            return WebhookVerification.Fail(VerificationFailure.MalformedHeader, $"The {SignatureHeader} header needs at least one v1,<base64>.");
        }

        if (Math.Abs(timeProvider.GetUtcNow().ToUnixTimeSeconds() - seconds) > (long)tolerance.TotalSeconds)
        {
            return WebhookVerification.Fail(VerificationFailure.Stale, $"The {TimestampHeader} is outside the {(long)tolerance.TotalSeconds} s tolerance.");
        }

        var signed = SignedPayload(id, timestamp, rawBody);
        foreach (var secret in secrets)
        {
            if (DecodeSecret(secret) is not { } key)
            {
                continue;
            }

            var expected = HMACSHA256.HashData(key, signed);
            if (signatures.Any(s => CryptographicOperations.FixedTimeEquals(s, expected)))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.Fail(VerificationFailure.NoMatchingSignature, "No v1 signature matches an active secret.");
    }

    /// <summary>The key bytes of a <c>whsec_</c> secret, or null when it is not one.</summary>
    public static byte[]? DecodeSecret(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = secret[SecretPrefix.Length..];
        var buffer = new byte[body.Length];
        return body.Length > 0 && Convert.TryFromBase64String(body, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }

    /// <summary>The <c>webhook-signature</c> value for a request: for tests and tools.</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> rawBody)
    {
        var key = DecodeSecret(secret) ?? throw new ArgumentException("The secret must be 'whsec_' + base64.", nameof(secret));
        var hash = HMACSHA256.HashData(key, SignedPayload(id, timestamp.ToString(CultureInfo.InvariantCulture), rawBody));
        return "v1," + Convert.ToBase64String(hash);
    }

    private static byte[] SignedPayload(string id, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes(id + "." + timestamp + ".");
        var signed = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(signed, 0);
        rawBody.CopyTo(signed.AsSpan(prefix.Length));
        return signed;
    }

    private static List<byte[]> ParseSignatures(string header)
    {
        var signatures = new List<byte[]>();
        foreach (var item in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!item.StartsWith("v1,", StringComparison.Ordinal))
            {
                continue;
            }

            var text = item[3..];
            var buffer = new byte[text.Length];
            if (Convert.TryFromBase64String(text, buffer, out var written) && written == 32)
            {
                signatures.Add(buffer[..written]);
            }
        }

        return signatures;
    }
}
