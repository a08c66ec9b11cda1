using System.Net;
using System.Security.Cryptography;
using System.Text;
using ArFunctions.WorkerHost.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArFunctions.WorkerHost.Http;

/// <summary>
/// What the Functions host does for HTTP triggers with ASP.NET Core integration: route the request, check the
/// function key (authLevel function/admin; 401 without it), send the InvocationRequest and forward the request to the
/// worker's own HTTP endpoint with <c>x-ms-invocation-id</c>, then stream the worker's response back. No route: 404;
/// the route exists for other methods only: 404, as the host's method-constrained routes do.
/// </summary>
internal sealed class HttpFrontEnd : IAsyncDisposable
{
    private const string InvocationHeader = "x-ms-invocation-id";

    // Connection-level headers belong to one hop; the rest pass through unchanged, as in the host's forwarder.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Proxy-Authorization", "Host",
    };

    private readonly WebApplication _app;
    private readonly FunctionsWorkerHost _host;
    private readonly RouteTable _routes;
    private readonly HttpMessageInvoker _forwarder = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    });

    private HttpFrontEnd(WebApplication app, FunctionsWorkerHost host)
    {
        _app = app;
        _host = host;
        _routes = new RouteTable(host.Functions, host.HostJson.RoutePrefix);
    }

    public Uri Address { get; private set; } = null!;

    public static async Task<HttpFrontEnd> StartAsync(FunctionsWorkerHost host, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });
        var app = builder.Build();
        var frontEnd = new HttpFrontEnd(app, host);
        app.Run(frontEnd.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        frontEnd.Address = GrpcServer.BoundAddress(app);
        return frontEnd;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var match = _routes.Match(context.Request.Method, context.Request.Path.Value ?? "/");
        if (match?.Route is not { } route)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (route.RequiresKey && !HasKey(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (_host.WorkerHttpUri is null)
        {
            await WriteErrorAsync(context, "The worker advertised no HttpUri; only ASP.NET Core integration is supported.").ConfigureAwait(false);
            return;
        }

        await ProxyAsync(context, route, match.Values).ConfigureAwait(false);
    }

    private bool HasKey(HttpRequest request)
    {
        var key = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return key is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(_host.FunctionKey));
    }

    private async Task ProxyAsync(HttpContext context, HttpRoute route, IReadOnlyDictionary<string, string> values)
    {
        var invocation = TriggerData.Http(route.Function, context.Request, values);
        var invoked = _host.InvokeAsync(invocation, context.RequestAborted);
        _host.TrackHttp(invoked);
        using var forwardCancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        using var request = BuildRequest(context.Request, invocation.InvocationId);
        var forwarded = _forwarder.SendAsync(request, forwardCancel.Token);
        if (await Task.WhenAny(forwarded, invoked).ConfigureAwait(false) == invoked && !(await invoked.ConfigureAwait(false)).Succeeded)
        {
            // A failed invocation usually still answers over HTTP (the worker's 500); give it a moment, then answer ourselves.
            if (await Task.WhenAny(forwarded, Task.Delay(TimeSpan.FromSeconds(2))).ConfigureAwait(false) != forwarded)
            {
                await forwardCancel.CancelAsync().ConfigureAwait(false);
                await WriteErrorAsync(context, (await invoked.ConfigureAwait(false)).Error).ConfigureAwait(false);
                return;
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await forwarded.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            await WriteErrorAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            await CopyResponseAsync(response, context).ConfigureAwait(false);
        }
    }

    private Uri Target(HttpRequest request) =>
        new(_host.WorkerHttpUri!, $"{request.PathBase}{request.Path}{request.QueryString}");

    private HttpRequestMessage BuildRequest(HttpRequest request, string invocationId)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), Target(request));
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        message.Headers.Remove(InvocationHeader);
        message.Headers.TryAddWithoutValidation(InvocationHeader, invocationId);
        return message;
    }

    private static async Task CopyResponseAsync(HttpResponseMessage response, HttpContext context)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted).ConfigureAwait(false);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext context, string? error)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(error ?? "The invocation failed.", context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _forwarder.Dispose();
    }
}
