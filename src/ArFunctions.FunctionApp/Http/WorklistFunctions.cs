using ArFunctions.Application.Access;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Worklists;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/worklists?top=N: the capacity-sized Top-N across collectors; GET /api/worklists/{collectorId}?top=N: one
/// collector's ranked accounts with the reasons for each rank and their open tasks. Without top, the size is capacity.
/// </summary>
public sealed class WorklistFunctions(WorklistQuery query, AccessRules access)
{
    [Function("GetTopWorklist")]
    [Callers(Audience.People, Role.Lead)]
    [ApiSummary("The capacity-sized Top-N worklist across collectors, with the reasons for each rank.")]
    public Task<IActionResult> GetTopAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "worklists")] HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(request, null, top => query.TopAsync(top, cancellationToken)).ToActionAsync();

    [Function("GetCollectorWorklist")]
    [Callers(Audience.People, Role.Collector, Role.Lead)]
    [ApiSummary("One collector's ranked accounts with the reasons for each rank and their open tasks.")]
    public Task<IActionResult> GetForCollectorAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "worklists/{collectorId}")] HttpRequest request, string collectorId, CancellationToken cancellationToken) =>
        AnswerAsync(request, collectorId, top => query.ForCollectorAsync(collectorId, top, cancellationToken)).ToActionAsync();

    private async Task<IResult> AnswerAsync(HttpRequest request, string? collectorId, Func<int?, Task<WorklistResult>> run)
    {
        if (access.ToReadWorklist(CallerSource.Of(request), collectorId) is { } refused)
        {
            return Problems.For(refused);
        }

        var errors = new List<FieldError>();
        var top = QueryValues.Int(request, "top", 1, 500, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("The query is invalid.", errors);
        }

        var result = await run(top).ConfigureAwait(false);
        return result.ToHttp(() => TypedResults.Ok(result.Worklist));
    }
}
