using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using ArFunctions.Application.Webhooks;
using ArFunctions.FunctionApp.Http;
using ArFunctions.FunctionApp.Identity;
using ArFunctions.FunctionApp.Tests.Infrastructure;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// Every HTTP function that takes a body, called through the worker host as its callers would: a body one byte over its
/// route's limit is 413 problem+json with or without Content-Length (chunked), before a webhook's signature is checked;
/// a body that cannot be decoded (a lone surrogate escaped, bytes that are not UTF-8) is 400 problem+json.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class BodyLimitsThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private static readonly string Lead = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");

    private static readonly string[] Undecodable =
    [
        """{"note":"\ud800","customerId":"\ud800"}""",
        """[{"id":"C-\udc00","name":"x"}]""",
    ];

    public sealed record BodyRoute(string Function, HttpMethod Method, string Path, Audience Audience, int Limit);

    public static IReadOnlyList<BodyRoute> BodyRoutes { get; } = Routes();

    [Fact]
    public void EveryFunctionThatTakesABodyDeclaresALimit()
    {
        Assert.Equal(
            ["AssignTask", "PortalDispute", "PortalOptOut", "PortalPromise", "PortalRequest", "PreviewPolicy", "ProcessorWebhook", "PutCredits", "PutCustomers", "PutInvoices", "PutPayments", "PutPolicy", "RecordTaskOutcome", "ResolveUnmatchedPayment", "StartRun", "StripeWebhook"],
            BodyRoutes.Select(r => r.Function).Order(StringComparer.Ordinal));
        Assert.Equal(MaxBodyAttribute.Document, BodyRoutes.Single(r => r.Function == "PutPolicy").Limit);
        Assert.Equal(MaxBodyAttribute.Document, BodyRoutes.Single(r => r.Function == "PreviewPolicy").Limit);
        Assert.Equal(ReceiveWebhook.MaxBodyBytes, BodyRoutes.Single(r => r.Function == "StripeWebhook").Limit);
    }

    [Fact]
    public async Task AnswersTooLargeOnEveryRouteGivenABodyOneByteOverItsLimitWithOrWithoutContentLength()
    {
        var wrong = new List<string>();
        foreach (var route in BodyRoutes)
        {
            var body = Padded(route.Limit + 1);
            foreach (var chunked in (bool[])[false, true])
            {
                using var response = await SendAsync(route, body, chunked);
                var answer = await DescribeAsync(response);
                if (response.StatusCode != HttpStatusCode.RequestEntityTooLarge || !answer.Contains("too-large", StringComparison.Ordinal))
                {
                    wrong.Add($"{route.Function} ({(chunked ? "chunked" : "Content-Length")}): {answer}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task TakesTheBodyOnEveryRouteGivenExactlyItsLimitChunked()
    {
        var wrong = new List<string>();
        foreach (var route in BodyRoutes.Where(r => r.Limit <= MaxBodyAttribute.Document))
        {
            using var response = await SendAsync(route, Padded(route.Limit), chunked: true);
            if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge || (int)response.StatusCode >= 500)
            {
                wrong.Add($"{route.Function}: {await DescribeAsync(response)}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task AcceptsASignedStripeEventGivenChunkedBelowTheLimit()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"evt_chunked","type":"customer.created","data":{"object":{}}}""" + new string(' ', 1000));
        using var request = SignedWebhooks.Stripe(body);
        request.Content = Chunked(body);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnswersTooLargeNotUnauthorizedGivenAChunkedOversizeWebhookWithAValidSignature()
    {
        var body = Padded(ReceiveWebhook.MaxBodyBytes + 1);
        using var request = SignedWebhooks.Stripe(body);
        request.Content = Chunked(body);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnswersBadRequestOnEveryJsonRouteGivenABodyThatCannotBeDecoded()
    {
        var wrong = new List<string>();
        var bodies = Undecodable.Select(Encoding.UTF8.GetBytes).Append([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]).ToList();
        foreach (var route in BodyRoutes.Where(r => r.Audience != Audience.Public))
        {
            foreach (var body in bodies)
            {
                using var response = await SendAsync(route, body, chunked: false);
                var answer = await DescribeAsync(response);
                if (response.StatusCode != HttpStatusCode.BadRequest || !answer.Contains("bad-request", StringComparison.Ordinal))
                {
                    wrong.Add($"{route.Function} {Encoding.UTF8.GetString(body)}: {answer}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData(true, HttpStatusCode.BadRequest)]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    public async Task AnswersBadRequestOnlyAfterVerificationGivenAWebhookWithALoneSurrogate(bool signed, HttpStatusCode expected)
    {
        var body = """{"id":"evt_s","type":"invoice.paid","data":{"object":{"id":"in_1","number":"INV-\ud800","amount_paid":100,"currency":"eur"}}}"""u8.ToArray();
        using var request = SignedWebhooks.Stripe(body);
        if (!signed)
        {
            request.Headers.Remove("Stripe-Signature");
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private async Task<HttpResponseMessage> SendAsync(BodyRoute route, byte[] body, bool chunked)
    {
        using var request = new HttpRequestMessage(route.Method, route.Path) { Content = chunked ? Chunked(body) : new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // Public routes (the webhooks) ignore the function key the default client sends.
        return await (route.Audience == Audience.People ? App.SignedIn(Lead) : Client).SendAsync(request);
    }

    /// <summary>Content without a length: sent chunked, as a stream the client cannot measure.</summary>
    private static StreamContent Chunked(byte[] body) => new(new UnmeasuredStream(body));

    /// <summary>A JSON object padded with spaces to exactly <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(int length)
    {
        var body = new byte[length];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';
        body[^1] = (byte)'}';
        return body;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {(text.Length > 300 ? text[..300] : text)}";
    }

    private static List<BodyRoute> Routes()
    {
        var limits = BodyLimits.Of(typeof(BodyLimits).Assembly);
        var audiences = HttpAudiences.Of(typeof(BodyLimits).Assembly);
        return [.. from f in ApiDocument.HttpFunctions(typeof(BodyLimits).Assembly)
                   let limit = limits.For(f.Name)
                   where limit is not null
                   from verb in f.Trigger.Methods ?? []
                   select new BodyRoute(f.Name, new HttpMethod(verb.ToUpperInvariant()), "/api/" + RouteParameter().Replace(f.Trigger.Route!, m => m.Groups["name"].Value == "source" ? "payments" : "x1"), audiences.For(f.Name)!.Audience, limit.Value)];
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex RouteParameter();

    /// <summary>A read-only stream that will not tell its length, so HttpClient sends it with Transfer-Encoding: chunked.</summary>
    private sealed class UnmeasuredStream(byte[] body) : Stream
    {
        private readonly MemoryStream _inner = new(body);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
