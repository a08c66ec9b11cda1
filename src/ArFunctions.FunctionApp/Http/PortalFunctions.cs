using System.Net;
using ArFunctions.Application.Portal;
using ArFunctions.Application.Queries;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// The customer page, anonymous and guarded by the personal link alone (docs/portal.md): GET /api/portal/{token} is the
/// page, GET /api/portal/{token}/account the account it shows, GET /api/portal/{token}/statement the statement, GET /api/portal/files/{name} its style sheet and script (below the
/// page's own path, so that App Service authentication lets customers fetch them with the page). Each
/// request passes <see cref="PortalAccess"/> first; a link that does not open answers with no data at all: the page says
/// why in plain words, the API with problem+json. The customer is the link's, never one the request names.
/// </summary>
public sealed class PortalFunctions(PortalAccess access, PortalAccountQuery accounts)
{
    private static readonly string[] PageFiles = ["portal.css", "portal.js", "portal-actions.css", "portal-actions.js"];

    [Function("CustomerPortalPage")]
    [Callers(Audience.Public)]
    [ApiSummary("The customer page of a personal link (HTML): the account's open invoices, totals and statement downloads; a tampered, expired or revoked link gets a page that says so and holds no data.")]
    public Task<IActionResult> PageAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/{token}")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        AnswerPageAsync(request, token, cancellationToken).ToActionAsync();

    [Function("CustomerPortalFiles")]
    [Callers(Audience.Public)]
    [ApiSummary("The customer page's style sheets and scripts (no data), public like the page: portal.css, portal.js, portal-actions.css, portal-actions.js.")]
    public static IActionResult Files(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/files/{name}")] HttpRequest request, string name)
    {
        if (!PageFiles.Contains(name))
        {
            return Problems.NotFound($"The customer page has no file '{Failure.Quote(name)}'.").ToAction();
        }

        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        return TypedResults.Bytes(PageFunctions.Content(name), name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8").ToAction();
    }

    [Function("GetPortalAccount")]
    [Callers(Audience.Public)]
    [ApiSummary("The link's account as JSON: open invoices (issue and due dates, amount, open amount, status due/overdue/disputed/under-promise) and the balance due per currency.")]
    public Task<IActionResult> GetAccountAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/{token}/account")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        AnswerAccountAsync(request, token, cancellationToken).ToActionAsync();

    [Function("GetPortalStatement")]
    [Callers(Audience.Public)]
    [ApiSummary("The link's statement of account as a file (?format=pdf|csv, default pdf), as of today.")]
    public Task<IActionResult> GetStatementAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/{token}/statement")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        AnswerStatementAsync(request, token, cancellationToken).ToActionAsync();

    private async Task<IResult> AnswerPageAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        var opened = await access.OpenAsync(token, cancellationToken).ConfigureAwait(false);
        PortalGate.Private(request.HttpContext.Response, opened);
        return opened.Status == PortalAccessStatus.Open
            ? TypedResults.Bytes(PageFunctions.Content("portal.html"), "text/html; charset=utf-8")
            : TypedResults.Content(ClosedPage(opened.Status), "text/html; charset=utf-8", statusCode: PortalGate.StatusOf(opened.Status));
    }

    private async Task<IResult> AnswerAccountAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        var (link, closed) = await PortalGate.OpenAsync(access, request, token, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return closed!;
        }

        var result = await accounts.GetAsync(link, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(account => TypedResults.Ok(account));
    }

    private async Task<IResult> AnswerStatementAsync(HttpRequest request, string token, CancellationToken cancellationToken)
    {
        var (link, closed) = await PortalGate.OpenAsync(access, request, token, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            return closed!;
        }

        var result = await accounts.StatementAsync(link, request.Query["format"].FirstOrDefault(), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(file => TypedResults.File(file.Content, file.ContentType, file.FileName));
    }

    private static string ClosedPage(PortalAccessStatus status) => $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="referrer" content="no-referrer">
          <title>Link not available</title>
          <link rel="icon" href="data:,">
          <link rel="stylesheet" href="files/portal.css">
        </head>
        <body>
          <header class="masthead"><h1>Link not available</h1></header>
          <main><p id="status" class="status error" role="alert">{WebUtility.HtmlEncode(PortalGate.MessageOf(status))}</p></main>
        </body>
        </html>
        """;
}
