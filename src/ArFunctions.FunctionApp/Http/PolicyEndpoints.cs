using System.Text;
using ArFunctions.Application.Policies;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/policy: the policy in force, as the exact JSON document it was saved as (version and hash in headers), so a
/// client can GET, edit and PUT it back. PUT /api/policy[?note=]: validates and stores it as the next version; an
/// invalid policy gets 400 with all its errors and changes nothing. GET /api/policy/history: every version.
/// </summary>
internal static class PolicyEndpoints
{
    /// <summary>The caller's name as App Service authentication passes it, kept with the version.</summary>
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    public static void MapPolicy(this IEndpointRouteBuilder app)
    {
        app.MapFunction("GetPolicy", "GET", "policy", GetAsync);
        app.MapFunction("PutPolicy", "PUT", "policy", PutAsync);
        app.MapFunction("GetPolicyHistory", "GET", "policy/history",
            async (PolicyAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.GetHistoryAsync(ct).ConfigureAwait(false)));
    }

    private static async Task<IResult> GetAsync(HttpResponse response, PolicyAdmin admin, CancellationToken cancellationToken)
    {
        var current = await admin.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        response.Headers["X-Policy-Version"] = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.ETag = $"\"{current.ContentHash}\"";
        return TypedResults.Text(current.Document, "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> PutAsync(HttpRequest request, PolicyAdmin admin, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType($"Send the policy as JSON (Content-Type: application/json), not '{type}'.");
        }

        string json;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        var note = request.Query["note"].ToString();
        var savedBy = request.Headers[PrincipalHeader].ToString();
        var result = await admin.PutAsync(json, note.Length == 0 ? null : note, savedBy.Length == 0 ? null : savedBy, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            PolicyPutStatus.Saved => TypedResults.Created("/api/policy", result.Policy),
            PolicyPutStatus.Unchanged => TypedResults.Ok(result.Policy),
            PolicyPutStatus.Conflict => Problems.Conflict("Other saves kept taking the next version number; try again."),
            _ => Problems.Invalid($"The policy has {result.Errors.Count} error(s); nothing was saved.", result.Errors.Select(e => (e.Path, e.Message))),
        };
    }
}
