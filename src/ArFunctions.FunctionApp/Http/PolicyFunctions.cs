using System.Text;
using ArFunctions.Application;
using ArFunctions.Application.Access;
using ArFunctions.Application.Policies;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Runs;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/policy: the policy in force, as the exact JSON document it was saved as (version and hash in headers), so a
/// client can GET, edit and PUT it back. PUT /api/policy[?note=]: validates and stores it as the next version; an
/// invalid policy gets 400 with all its errors and changes nothing. GET /api/policy/history: every version.
/// POST /api/policy/preview[?asOf=]: what a draft would change on a run date, beside the policy in force; writes nothing.
/// </summary>
public sealed class PolicyFunctions(PolicyAdmin admin, PolicyPreview preview)
{
    [Function("GetPolicy")]
    [Callers(Audience.Machines, Role.Admin, Role.Lead)]
    [ApiSummary("The policy in force as the JSON document it was saved as; X-Policy-Version and ETag headers.")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "policy")] HttpRequest request, CancellationToken cancellationToken)
    {
        var current = await admin.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        request.HttpContext.Response.Headers["X-Policy-Version"] = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        request.HttpContext.Response.Headers.ETag = $"\"{current.ContentHash}\"";
        return TypedResults.Text(current.Document, "application/json", Encoding.UTF8).ToAction();
    }

    [Function("PutPolicy")]
    [Callers(Audience.Machines, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Document)]
    [ApiSummary("Validates a policy and saves it as the next version (?note=); an invalid one gets every error and saves nothing.")]
    public Task<IActionResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "policy")] HttpRequest request, CancellationToken cancellationToken) =>
        SaveAsync(request, cancellationToken).ToActionAsync();

    [Function("GetPolicyHistory")]
    [Callers(Audience.Machines, Role.Admin, Role.Lead)]
    [ApiSummary("Every saved version of the policy.")]
    public async Task<IActionResult> GetHistoryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "policy/history")] HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetHistoryAsync(cancellationToken).ConfigureAwait(false)).ToAction();

    [Function("PreviewPolicy")]
    [Callers(Audience.People, Role.Lead, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Document)]
    [ApiSummary("What a draft policy (the body) would change on a run date (?asOf=, default today) beside the policy in force: per-customer differences, totals per segment, calls per collector; writes nothing.")]
    public Task<IActionResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "policy/preview")] HttpRequest request, CancellationToken cancellationToken) =>
        PreviewDraftAsync(request, cancellationToken).ToActionAsync();

    private async Task<IResult> PreviewDraftAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var asOf = QueryValues.Date(request, "asOf", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("The preview date is invalid.", errors);
        }

        var (json, problem) = await ReadDocumentAsync(request, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return problem!;
        }

        return (await preview.PreviewAsync(json, asOf, cancellationToken).ConfigureAwait(false)).ToHttp(report => TypedResults.Ok(report));
    }

    private async Task<IResult> SaveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (json, problem) = await ReadDocumentAsync(request, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return problem!;
        }

        var caller = CallerSource.Of(request);

        var note = request.Query["note"].ToString();
        var result = await admin.PutAsync(json, note.Length == 0 ? null : note, caller.AuditName, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(() => result.Status == PolicyPutStatus.Saved ? TypedResults.Created("/api/policy", result.Policy) : TypedResults.Ok(result.Policy));
    }

    /// <summary>The body as a policy document's text, or the problem that answers a body that is not JSON or not text.</summary>
    private static async Task<(string? Json, IResult? Problem)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.UnsupportedMediaType($"Send the policy as JSON (Content-Type: application/json), not '{type}'."));
        }

        var body = await JsonBody.ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        return JsonText.FindUndecodable(body) is { } undecodable
            ? (null, Problems.Malformed($"The policy cannot be read as text: {undecodable}."))
            : (Encoding.UTF8.GetString(body), null);
    }
}
