using System.Globalization;
using ArFunctions.Application.Portal;
using ArFunctions.Domain.Portal;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// The customer page's one door, for its reads and its actions alike: the link must open (<see cref="PortalAccess"/>:
/// signature, expiry, the per-link rate, revocation), every answer is private (no cache keeps it, no other site learns
/// the link, no frame shows it), and a link that does not open gets its reason and nothing else.
/// </summary>
internal static class PortalGate
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The link the request's token opens, or the problem to answer instead; the response's headers are set either way.</summary>
    public static async Task<(PortalLinkPayload? Link, IResult? Closed)> OpenAsync(PortalAccess access, HttpRequest request, string token, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(token, cancellationToken).ConfigureAwait(false);
        Private(request.HttpContext.Response, opened);
        return opened.Link is { } link ? (link, null) : (null, Closed(opened.Status));
    }

    /// <summary>No cache keeps the account, no other site learns the link (Referer), no frame shows it.</summary>
    public static void Private(HttpResponse response, PortalAccessResult opened)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        if (opened.Status == PortalAccessStatus.RateLimited)
        {
            headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(opened.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static int StatusOf(PortalAccessStatus status) => status switch
    {
        PortalAccessStatus.Expired or PortalAccessStatus.Revoked => StatusCodes.Status410Gone,
        PortalAccessStatus.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status404NotFound,
    };

    public static string MessageOf(PortalAccessStatus status) => status switch
    {
        PortalAccessStatus.Expired => "This link has expired. The next email from us will carry a new one, or reply to any of our emails to ask for it.",
        PortalAccessStatus.Revoked => "This link has been withdrawn. Reply to any of our emails to ask for a new one.",
        PortalAccessStatus.RateLimited => "Too many requests with this link. Please wait a minute and try again.",
        _ => "This link is not valid. Please open the link exactly as it appears in our email, or reply to that email to ask for a new one.",
    };

    /// <summary>problem+json for a link that does not open: the reason and nothing else.</summary>
    public static IResult Closed(PortalAccessStatus status) => status switch
    {
        PortalAccessStatus.Expired => Problems.Problem(StatusOf(status), "link-expired", "The link has expired", MessageOf(status)),
        PortalAccessStatus.Revoked => Problems.Problem(StatusOf(status), "link-revoked", "The link has been withdrawn", MessageOf(status)),
        PortalAccessStatus.RateLimited => Problems.Problem(StatusOf(status), "rate-limited", "Too many requests", MessageOf(status)),
        _ => Problems.Problem(StatusOf(status), "link-invalid", "The link is not valid", MessageOf(status)),
    };
}
