using System.Globalization;
using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ArFunctions.Email.Acs;

/// <summary>
/// Signs every attempt with the ACS access key: string to sign = VERB \n pathAndQuery \n x-ms-date;host;x-ms-content-sha256,
/// with the date in RFC 1123, host = the URI's authority (with a non-default port), and the content hash =
/// base64(SHA-256(body)), also for an empty body. Header:
/// <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature=base64(HMAC-SHA256(key, string))</c>.
/// </summary>
public sealed class HmacAuthenticationPolicy(byte[] accessKey, TimeProvider time) : HttpPipelinePolicy
{
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Sign(message.Request, BodyOf(message.Request));
        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Sign(message.Request, await BodyOfAsync(message.Request, message.CancellationToken).ConfigureAwait(false));
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    /// <summary>The signature of one request, as the service computes it.</summary>
    public static string Signature(byte[] key, string method, string pathAndQuery, string date, string host, string contentHash)
    {
        var text = $"{method}\n{pathAndQuery}\n{date};{host};{contentHash}";
        return Convert.ToBase64String(HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(text)));
    }

    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    private void Sign(Request request, byte[] body)
    {
        var uri = request.Uri.ToUri();
        var date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var hash = ContentHash(body);
        var signature = Signature(accessKey, request.Method.Method, uri.PathAndQuery, date, uri.Authority, hash);
        request.Headers.SetValue("x-ms-date", date);
        request.Headers.SetValue("x-ms-content-sha256", hash);
        request.Headers.SetValue("Authorization", $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={signature}");
    }

    private static byte[] BodyOf(Request request)
    {
        if (request.Content is null)
        {
            return [];
        }

        using var stream = new MemoryStream();
        request.Content.WriteTo(stream, CancellationToken.None);
        return stream.ToArray();
    }

    private static async Task<byte[]> BodyOfAsync(Request request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return [];
        }

        using var stream = new MemoryStream();
        await request.Content.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
        return stream.ToArray();
    }
}
