using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Email.Tests.Infrastructure;

/// <summary>A request as the fake ACS saw it, and whether its HMAC signature checked out by the documented algorithm.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, string? SignatureProblem);

/// <summary>A scripted reply: status, JSON body and headers.</summary>
public sealed record ScriptedReply(int Status, string? Body = null, string? RetryAfter = null);

/// <summary>
/// ACS Email on a real loopback port (Kestrel): verifies every request's HMAC signature (VERB\npathAndQuery\n
/// x-ms-date;host;x-ms-content-sha256 with the raw request target and Host header, and the body's SHA-256) and plays
/// scripted replies, one list for sends (POST) and one for operation polls (GET). An exhausted script answers 500.
/// </summary>
public sealed class FakeAcsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _sends = new();
    private readonly ConcurrentQueue<ScriptedReply> _polls = new();

    private FakeAcsServer(WebApplication app, byte[] key)
    {
        _app = app;
        Key = key;
        _app.Run(HandleAsync);
    }

    public byte[] Key { get; }

    public Uri Endpoint { get; private set; } = null!;

    public string ConnectionString => $"endpoint={Endpoint};accesskey={Convert.ToBase64String(Key)}";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeAcsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var server = new FakeAcsServer(builder.Build(), RandomNumberGenerator.GetBytes(32));
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address + "/");
        return server;
    }

    public FakeAcsServer OnSend(params ScriptedReply[] replies) => Enqueue(_sends, replies);

    public FakeAcsServer OnPoll(params ScriptedReply[] replies) => Enqueue(_polls, replies);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private FakeAcsServer Enqueue(ConcurrentQueue<ScriptedReply> queue, ScriptedReply[] replies)
    {
        foreach (var reply in replies)
        {
            queue.Enqueue(reply);
        }

        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new RecordedRequest(context.Request.Method, target, headers, body, SignatureProblem(context.Request.Method, target, headers, Encoding.UTF8.GetBytes(body))));
        var script = context.Request.Method == "POST" ? _sends : _polls;
        var reply = script.TryDequeue(out var next) ? next : new ScriptedReply(500, """{"error":{"code":"Unscripted","message":"no reply scripted"}}""");
        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is not null)
        {
            context.Response.Headers["Retry-After"] = reply.RetryAfter;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        }
    }

    /// <summary>Null when the request is signed as documented; otherwise what is wrong.</summary>
    private string? SignatureProblem(string method, string pathAndQuery, Dictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue("x-ms-date", out var date) || !DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return "x-ms-date missing or not RFC 1123";
        }

        var hash = Convert.ToBase64String(SHA256.HashData(body));
        if (!headers.TryGetValue("x-ms-content-sha256", out var sentHash) || sentHash != hash)
        {
            return "x-ms-content-sha256 does not match the body";
        }

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes($"{method}\n{pathAndQuery}\n{date};{headers["Host"]};{hash}")));
        var authorization = headers.GetValueOrDefault("Authorization");
        return authorization == $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={expected}" ? null : $"bad Authorization '{authorization}'";
    }
}
