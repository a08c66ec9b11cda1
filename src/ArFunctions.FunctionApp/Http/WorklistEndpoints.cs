using ArFunctions.Storage.DailyRuns;

namespace ArFunctions.FunctionApp.Http;

/// <summary>GET /api/worklists?top=N (the capacity-sized Top-N) and GET /api/worklists/{collectorId}?top=N.</summary>
internal static class WorklistEndpoints
{
    public static void MapWorklists(this IEndpointRouteBuilder app)
    {
        app.MapFunction("GetTopWorklist", "GET", "worklists",
            (HttpRequest request, TableRunResultStore results, CancellationToken ct) => GetAsync(request, null, results, ct));
        app.MapFunction("GetCollectorWorklist", "GET", "worklists/{collectorId}",
            (string collectorId, HttpRequest request, TableRunResultStore results, CancellationToken ct) => GetAsync(request, collectorId, results, ct));
    }

    private static async Task<IResult> GetAsync(HttpRequest request, string? collector, TableRunResultStore results, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var top = QueryValues.Int(request, "top", 1, 500, errors) ?? 50;
        if (errors.Count > 0)
        {
            return Problems.Invalid("The query is invalid.", errors);
        }

        return TypedResults.Ok(await results.GetWorklistAsync(collector, top, cancellationToken).ConfigureAwait(false));
    }
}
