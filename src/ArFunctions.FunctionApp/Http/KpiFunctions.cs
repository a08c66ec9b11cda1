using ArFunctions.Application.Access;
using ArFunctions.Application.Kpis;
using ArFunctions.Application.Queries;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>GET /api/kpis?from=&amp;to=&amp;segment=: DSO, CEI and aging snapshots per day (overall, or one segment).</summary>
public sealed class KpiFunctions(KpiQuery query)
{
    [Function("GetKpis")]
    [Callers(Audience.People, Role.Lead, Role.Admin)]
    [ApiSummary("DSO, CEI and aging snapshots per day, overall or for one segment (?from=&to=&segment=).")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "kpis")] HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(request, cancellationToken).ToActionAsync();

    private async Task<IResult> AnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var from = QueryValues.Date(request, "from", errors);
        var to = QueryValues.Date(request, "to", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("The query is invalid.", errors);
        }

        var segment = request.Query["segment"].ToString();
        var result = await query.GetAsync(from, to, segment.Length == 0 ? null : segment, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(range => TypedResults.Ok(range));
    }
}
