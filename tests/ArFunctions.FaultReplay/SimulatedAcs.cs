using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArFunctions.FaultReplay;

/// <summary>One email ACS accepted and would deliver.</summary>
public sealed record AcceptedEmail(string OperationId, string Recipient, string Subject);

/// <summary>
/// ACS Email on a loopback port (Kestrel) as the replay needs it, with seeded faults: a send answers 429 (Retry-After
/// 1 s), 503 or 500 with probability <see cref="FaultRate"/>, otherwise it is accepted (202) and counted as delivered.
/// As ACS documents, a send whose <c>Repeatability-Request-ID</c> was already accepted is answered with the first
/// result and not delivered again (counted in <see cref="RepeatabilityAbsorbed"/>); <c>GET /emails/operations/{id}</c>
/// answers Succeeded for an accepted operation and 404 for one never received. The signature is not checked here
/// (the Email tests do that).
/// </summary>
public sealed class SimulatedAcs : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, string> _byRepeatability = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _operations = new(StringComparer.Ordinal);

    private SimulatedAcs(WebApplication app, int seed, double faultRate)
    {
        _app = app;
        _random = new Random(seed);
        FaultRate = faultRate;
        _app.Run(HandleAsync);
    }

    public double FaultRate { get; set; }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>An access key in the connection string: the client signs with it, the simulation does not check.</summary>
    public string ConnectionString => $"endpoint={Endpoint};accesskey={Convert.ToBase64String(new byte[32])}";

    /// <summary>Every email accepted for delivery, in order.</summary>
    public ConcurrentQueue<AcceptedEmail> Delivered { get; } = new();

    public ConcurrentDictionary<string, int> Faults { get; } = new(StringComparer.Ordinal);

    public int RepeatabilityAbsorbed => _absorbed;

    public int Polls => _polls;

    private int _absorbed;
    private int _polls;

    public static async Task<SimulatedAcs> StartAsync(int seed, double faultRate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var acs = new SimulatedAcs(builder.Build(), seed, faultRate);
        await acs._app.StartAsync().ConfigureAwait(false);
        var address = acs._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        acs.Endpoint = new Uri(address + "/");
        return acs;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/emails/operations", out var rest))
        {
            Interlocked.Increment(ref _polls);
            var id = Uri.UnescapeDataString(rest.Value!.TrimStart('/'));
            await AnswerAsync(context, _operations.ContainsKey(id) ? 200 : 404, id).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Value!.EndsWith("emails:send", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        var operationId = context.Request.Headers["Operation-Id"].ToString();
        var repeatability = context.Request.Headers["Repeatability-Request-ID"].ToString();
        if (repeatability.Length > 0 && _byRepeatability.TryGetValue(repeatability, out var first))
        {
            Interlocked.Increment(ref _absorbed);
            await AnswerAsync(context, 202, first).ConfigureAwait(false);
            return;
        }

        var fault = DrawFault();
        if (fault is { } status)
        {
            Faults.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
            if (status == 429)
            {
                context.Response.Headers["Retry-After"] = "1";
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "Simulated", message = "simulated fault" } }).ConfigureAwait(false);
            return;
        }

        var id2 = operationId.Length > 0 ? operationId : Guid.NewGuid().ToString("D");
        if (repeatability.Length > 0)
        {
            _byRepeatability.TryAdd(repeatability, id2);
        }

        _operations.TryAdd(id2, 0);
        var root = body.RootElement;
        var recipient = root.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString() ?? "";
        var subject = root.GetProperty("content").GetProperty("subject").GetString() ?? "";
        Delivered.Enqueue(new AcceptedEmail(id2, recipient, subject));
        await AnswerAsync(context, 202, id2).ConfigureAwait(false);
    }

    private int? DrawFault()
    {
        lock (_gate)
        {
            if (_random.NextDouble() >= FaultRate)
            {
                return null;
            }

            return _random.Next(3) switch { 0 => 429, 1 => 503, _ => 500 };
        }
    }

    private static async Task AnswerAsync(HttpContext context, int status, string id)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["retry-after-ms"] = "0";
        if (status == 404)
        {
            await context.Response.WriteAsJsonAsync(new { error = new { code = "NotFound", message = "no such operation" } }).ConfigureAwait(false);
            return;
        }

        await context.Response.WriteAsJsonAsync(new { id, status = status == 200 ? "Succeeded" : "Running" }).ConfigureAwait(false);
    }
}
