using ArFunctions.Application.Worklists;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/worklists?top=N: the capacity-sized Top-N across collectors; GET /api/worklists/{collectorId}?top=N: one
/// collector's ranked accounts with the reasons for each rank and their open tasks. Without top, the size is capacity.
/// </summary>
internal static class WorklistEndpoints
{
    public static void MapWorklists(this IEndpointRouteBuilder app)
    {
        app.MapFunction("GetTopWorklist", "GET", "worklists",
            async (HttpRequest request, WorklistQuery query, CancellationToken ct) =>
                await AnswerAsync(request, top => query.TopAsync(top, ct)).ConfigureAwait(false));
        app.MapFunction("GetCollectorWorklist", "GET", "worklists/{collectorId}",
            async (string collectorId, HttpRequest request, WorklistQuery query, CancellationToken ct) =>
                await AnswerAsync(request, top => query.ForCollectorAsync(collectorId, top, ct)).ConfigureAwait(false));
    }

    private static async Task<IResult> AnswerAsync(HttpRequest request, Func<int?, Task<WorklistResult>> query)
    {
        var errors = new List<FieldError>();
        var top = QueryValues.Int(request, "top", 1, 500, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid("The query is invalid.", errors);
        }

        var result = await query(top).ConfigureAwait(false);
        return result.Status switch
        {
            WorklistQueryStatus.Found => TypedResults.Ok(result.Worklist),
            WorklistQueryStatus.NotFound => Problems.Problem(StatusCodes.Status404NotFound, "not-found", "Unknown collector",
                "No such collector in the policy.", new Dictionary<string, object?> { ["knownCollectors"] = result.KnownCollectors }),
            _ => Problems.Invalid("The query is invalid.", (result.Errors ?? []).Select(e => (e.Field, e.Reason))),
        };
    }
}
