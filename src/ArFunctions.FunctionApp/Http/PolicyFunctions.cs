using System.Text;
using ArFunctions.Application;
using ArFunctions.Application.Access;
using ArFunctions.Application.Policies;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/policy: the policy in force, as the exact JSON document it was saved as (version and hash in headers), so a
/// client can GET, edit and PUT it back. PUT /api/policy[?note=]: validates and stores it as the next version; an
/// invalid policy gets 400 with all its errors and changes nothing. GET /api/policy/history: every version.
/// </summary>
public sealed class PolicyFunctions(PolicyAdmin admin)
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

    private async Task<IResult> SaveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType($"Send the policy as JSON (Content-Type: application/json), not '{type}'.");
        }

        var body = await JsonBody.ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        if (JsonText.FindUndecodable(body) is { } undecodable)
        {
            return Problems.Malformed($"The policy cannot be read as text: {undecodable}.");
        }

        var json = Encoding.UTF8.GetString(body);
        var caller = CallerSource.Of(request);

        var note = request.Query["note"].ToString();
        var result = await admin.PutAsync(json, note.Length == 0 ? null : note, caller.AuditName, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(() => result.Status == PolicyPutStatus.Saved ? TypedResults.Created("/api/policy", result.Policy) : TypedResults.Ok(result.Policy));
    }
}
