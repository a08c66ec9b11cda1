using ArFunctions.Application.Runs;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/runs/{asOf}: a run with its counts and shard progress. POST /api/runs {asOf, dryRun}: a manual run or a
/// backfill (idempotent per date); a dry run answers what would be sent and changes nothing.
/// </summary>
internal static class RunEndpoints
{
    public sealed record StartRunRequest(string? AsOf, bool? DryRun);

    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapFunction("GetRun", "GET", "runs/{asOf}", GetAsync);
        app.MapFunction("StartRun", "POST", "runs", StartAsync);
    }

    private static async Task<IResult> GetAsync(string asOf, RunQuery runs, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var date = QueryValues.Date(asOf, "asOf", errors);
        if (date is null)
        {
            return Problems.Invalid("The run date is invalid.", errors);
        }

        return (await runs.GetAsync(date.Value, cancellationToken).ConfigureAwait(false)).ToHttp($"No run for {date:yyyy-MM-dd}.");
    }

    private static async Task<IResult> StartAsync(HttpRequest request, ManualRun manual, CancellationToken cancellationToken)
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

        var result = await manual.StartAsync(asOf.Value, body.DryRun ?? false, cancellationToken).ConfigureAwait(false);
        return result.ToHttp($"No run for {asOf:yyyy-MM-dd}.", started => started.IsDryRun
            ? TypedResults.Ok(started)
            : TypedResults.Accepted($"/api/runs/{asOf:yyyy-MM-dd}", started));
    }
}
