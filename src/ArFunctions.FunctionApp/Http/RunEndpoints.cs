using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;

namespace ArFunctions.FunctionApp.Http;

/// <summary>GET /api/runs/{asOf}: a run's record; POST /api/runs {asOf, dryRun}: a manual run or backfill.</summary>
internal static class RunEndpoints
{
    public sealed record StartRunRequest(string? AsOf, bool? DryRun);

    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapFunction("GetRun", "GET", "runs/{asOf}", GetAsync);
        app.MapFunction("StartRun", "POST", "runs", StartAsync);
    }

    private static async Task<IResult> GetAsync(string asOf, IRunStore runs, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var date = QueryValues.Date(asOf, "asOf", errors);
        if (date is null)
        {
            return Problems.Invalid("The run date is invalid.", errors);
        }

        var run = await runs.GetAsync(date.Value, cancellationToken).ConfigureAwait(false);
        return run is null ? Problems.NotFound($"No run for {date:yyyy-MM-dd}.") : TypedResults.Ok(run);
    }

    private static async Task<IResult> StartAsync(HttpRequest request, StartDailyRun start, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<StartRunRequest>(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var errors = new List<FieldError>();
        var asOf = QueryValues.Date(body.AsOf ?? string.Empty, "asOf", errors);
        if (asOf is null)
        {
            return Problems.Invalid("Send {\"asOf\": \"yyyy-MM-dd\", \"dryRun\": false}.", errors.Count > 0 ? errors : [new FieldError(-1, "asOf", "is required")]);
        }

        var started = await start.StartAsync(asOf.Value, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"/api/runs/{asOf:yyyy-MM-dd}", started);
    }
}
