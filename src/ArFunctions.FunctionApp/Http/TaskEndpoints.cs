using ArFunctions.Application.Tasks;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// POST /api/tasks/{taskId}/outcome: what came of a call or task (reached, no-answer, voicemail, wrong-contact,
/// promise with date and amount, dispute with category, paid-claimed). A promise pauses the invoices' steps; a dispute
/// pauses the invoice and raises a task for the category's owner.
/// </summary>
internal static class TaskEndpoints
{
    public static void MapTasks(this IEndpointRouteBuilder app) =>
        app.MapFunction("RecordTaskOutcome", "POST", "tasks/{taskId}/outcome", RecordAsync);

    private static async Task<IResult> RecordAsync(string taskId, HttpRequest request, RecordTaskOutcome outcomes, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<TaskOutcomeInput>(request, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            return problem!;
        }

        var result = await outcomes.RecordAsync(taskId, input, cancellationToken).ConfigureAwait(false);
        var errors = (result.Errors ?? []).Select(e => (e.Field, e.Reason)).ToList();
        return result.Status switch
        {
            RecordOutcomeStatus.Recorded => TypedResults.Ok(new { task = result.Task, raisedTaskId = result.RaisedTaskId }),
            RecordOutcomeStatus.NotFound => Problems.NotFound($"No task '{QueryValues.Truncate(taskId)}'."),
            RecordOutcomeStatus.Conflict => Problems.Conflict(errors.Count > 0 ? errors[0].Reason : "The task is closed."),
            _ => Problems.Invalid("The outcome is invalid; nothing was recorded.", errors),
        };
    }
}
