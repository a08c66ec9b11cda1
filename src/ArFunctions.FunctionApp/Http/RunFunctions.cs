using ArFunctions.Application.Access;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Runs;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// GET /api/runs/{asOf}: a run with its counts and shard progress. POST /api/runs {asOf, dryRun}: a manual run or a
/// backfill (idempotent per date); a dry run answers what would be sent and changes nothing.
/// </summary>
public sealed class RunFunctions(RunQuery runs, ManualRun manual)
{
    public sealed record StartRunRequest(string? AsOf, bool? DryRun);

    [Function("GetRun")]
    [Callers(Audience.Machines, Role.Admin, Role.Lead)]
    [ApiSummary("A run with its counts and shard progress.")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{asOf}")] HttpRequest request, string asOf, CancellationToken cancellationToken) =>
        FindAsync(asOf, cancellationToken).ToActionAsync();

    [Function("StartRun")]
    [Callers(Audience.Machines, Role.Admin)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("Starts a manual run or a backfill for a date ({asOf, dryRun}); a dry run answers what would be sent and changes nothing.")]
    public Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, cancellationToken).ToActionAsync();

    private async Task<IResult> FindAsync(string asOf, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var date = QueryValues.Date(asOf, "asOf", errors);
        if (date is null)
        {
            return Problems.Invalid("The run date is invalid.", errors);
        }

        return (await runs.GetAsync(date.Value, cancellationToken).ConfigureAwait(false)).ToHttp(run => TypedResults.Ok(run));
    }

    private async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
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
            return Problems.Invalid("Send {\"asOf\": \"yyyy-MM-dd\", \"dryRun\": false}.", errors.Count > 0 ? errors : [new FieldError("asOf", "is required")]);
        }

        var result = await manual.StartAsync(asOf.Value, body.DryRun ?? false, CallerSource.Of(request), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(started => started.IsDryRun
            ? TypedResults.Ok(started)
            : TypedResults.Accepted($"/api/runs/{asOf:yyyy-MM-dd}", started));
    }
}
