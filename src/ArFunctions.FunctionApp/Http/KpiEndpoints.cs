using ArFunctions.Application.Kpis;

namespace ArFunctions.FunctionApp.Http;

/// <summary>GET /api/kpis?from=&amp;to=&amp;segment=: DSO, CEI and aging snapshots per day (overall, or one segment).</summary>
internal static class KpiEndpoints
{
    public static void MapKpis(this IEndpointRouteBuilder app) =>
        app.MapFunction("GetKpis", "GET", "kpis", GetAsync);

    private static async Task<IResult> GetAsync(HttpRequest request, KpiQuery query, CancellationToken cancellationToken)
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
        return result.ToHttp("No KPI snapshots.");
    }
}
