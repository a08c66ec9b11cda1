using System.Collections.Frozen;
using System.Security.Cryptography;
using ArFunctions.Application.Access;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// The collector page: GET /api/app/{*path} serves the static files of wwwroot (embedded in the assembly, so the published
/// folder needs no wwwroot of its own). The files hold no data; every API call the page makes is a people route, which
/// needs a signed-in person (App Service authentication with Entra ID) and no function key. GET /api/me names that
/// person as the platform asserts them (<see cref="CallerSource"/>), their roles and the collector they work as (the
/// policy's <c>worklist.collectors</c> entry with their identity), so the page can open that collector's list.
/// </summary>
public sealed class PageFunctions(AccessRules access, IPolicySource policies)
{
    public const string PageFunction = "CollectorPage";

    private const string ResourcePrefix = "wwwroot/";

    // Same origin only, no inline script or style: the page loads nothing from elsewhere (it must work offline).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, PageFile> Files = LoadFiles();

    /// <summary>The bytes of one of the page files (the customer page serves portal.html itself, under its link).</summary>
    internal static byte[] Content(string name) => Files[name].Content;

    /// <summary>The page's file names (index.html, app.js, ...), as served under /api/app/.</summary>
    public static IReadOnlyCollection<string> FileNames => Files.Keys;

    /// <summary>
    /// The signed-in person: name, object id, identity provider, the collector they work as (null if none), their roles;
    /// and what the page needs to work for them: the worklists they may open (their own; every one for a lead), the
    /// policy's base currency and its dispute categories.
    /// </summary>
    public sealed record Me(
        string Name,
        string ObjectId,
        string? IdentityProvider,
        string? Collector,
        IReadOnlyCollection<Role> Roles,
        IReadOnlyList<string> Worklists,
        string Currency,
        IReadOnlyList<MeDisputeCategory> DisputeCategories);

    /// <summary>A dispute category a collector can record, as the page lists it.</summary>
    public sealed record MeDisputeCategory(string Id, string? Description);

    /// <summary>The page's route below the route prefix; the file is whatever follows it.</summary>
    private const string Route = "app";

    [Function(PageFunction)]
    [Callers(Audience.Public)]
    [ApiSummary("The collector page's static files (no data; its API calls are people routes and need a signed-in person).")]
    public static IActionResult Serve([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{*path}")] HttpRequest request) =>
        Answer(FileOf(request), request, request.HttpContext.Response).ToAction();

    [Function("GetMe")]
    [Callers(Audience.People)]
    [ApiSummary("The signed-in person as App Service authentication asserts them (never a header the caller wrote): roles, the collector they work as, the worklists they may open, the currency and dispute categories.")]
    public IActionResult GetMe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        Who(request).ToAction();

    /// <summary>The path below /api/app/ (empty for the page itself), read from the request: the catch-all may be absent.</summary>
    private static string FileOf(HttpRequest request)
    {
        var path = request.Path.Value ?? string.Empty;
        var marker = "/" + Route;
        var at = path.IndexOf(marker, StringComparison.Ordinal);
        var rest = at < 0 ? string.Empty : path[(at + marker.Length)..];
        return Uri.UnescapeDataString(rest.TrimStart('/'));
    }

    private static IResult Answer(string path, HttpRequest request, HttpResponse response)
    {
        if (path.Length == 0 && !request.Path.Value!.EndsWith('/'))
        {
            // The page's links are relative to /api/app/; keep the query (?collector=) across the redirect.
            return TypedResults.Redirect(request.PathBase + request.Path + "/" + request.QueryString);
        }

        if (!Files.TryGetValue(path.Length == 0 ? "index.html" : path, out var file))
        {
            return Problems.NotFound($"The page has no file '{Failure.Quote(path)}'.");
        }

        var headers = response.Headers;
        headers.CacheControl = "no-cache";
        headers.ETag = file.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;

        // The page URL says which list is open: never hand it to another site.
        headers["Referrer-Policy"] = "no-referrer";
        if (request.Headers.IfNoneMatch.ToString() == file.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(file.Content, file.ContentType);
    }

    private Ok<Me> Who(HttpRequest request)
    {
        var caller = CallerSource.Of(request);
        var policy = policies.Current;
        var collector = access.CollectorOf(caller);
        IReadOnlyList<string> worklists = caller.Roles.Contains(Role.Lead)
            ? [.. policy.Worklist.Collectors.Select(c => c.Id)]
            : collector is not null && caller.Roles.Contains(Role.Collector) ? [collector] : [];
        return TypedResults.Ok(new Me(
            caller.Name,
            caller.Id,
            caller.IdentityProvider,
            collector,
            [.. caller.Roles.Order()],
            worklists,
            policy.Currency.BaseCurrency.Value,
            [.. policy.DisputeCategories.Select(c => new MeDisputeCategory(c.Id, c.Description))]));
    }

    private static FrozenDictionary<string, PageFile> LoadFiles()
    {
        var assembly = typeof(PageFunctions).Assembly;
        var files = new Dictionary<string, PageFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource[ResourcePrefix.Length..];
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8)) + "\"";
            files[name] = new PageFile(content, ContentTypeOf(name), etag);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };

    private sealed record PageFile(byte[] Content, string ContentType, string ETag);
}
