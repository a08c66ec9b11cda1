using ArFunctions.Application.Access;
using ArFunctions.Application.Tasks;
using ArFunctions.FunctionApp.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ArFunctions.FunctionApp.Http;

/// <summary>
/// POST /api/tasks/{taskId}/outcome: what came of a call or task (reached, no-answer, voicemail, wrong-contact,
/// promise with date and amount, dispute with category, paid-claimed). A promise pauses the invoices' steps; a dispute
/// pauses the invoice and raises a task for the category's owner. POST /api/tasks/{taskId}/assign: a lead moves an
/// open call or letter task to another collector.
/// </summary>
public sealed class TaskFunctions(RecordTaskOutcome outcomes, ReassignTask reassign)
{
    [Function("RecordTaskOutcome")]
    [Callers(Audience.People, Role.Collector, Role.Lead)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("Records what came of a call or task: reached, no-answer, voicemail, wrong-contact, promise, dispute, paid-claimed.")]
    public Task<IActionResult> RecordAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tasks/{taskId}/outcome")] HttpRequest request, string taskId, CancellationToken cancellationToken) =>
        AnswerAsync(request, taskId, cancellationToken).ToActionAsync();

    private async Task<IResult> AnswerAsync(HttpRequest request, string taskId, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<TaskOutcomeInput>(request, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            return problem!;
        }

        var caller = CallerSource.Of(request);

        var result = await outcomes.RecordAsync(taskId, input, caller, cancellationToken).ConfigureAwait(false);
        return result.ToHttp(() => TypedResults.Ok(new { task = result.Task, raisedTaskId = result.RaisedTaskId }));
    }

    [Function("AssignTask")]
    [Callers(Audience.People, Role.Lead)]
    [MaxBody(MaxBodyAttribute.Command)]
    [ApiSummary("Moves an open call or letter task to another collector of the policy (leads only); records who moved it.")]
    public Task<IActionResult> AssignAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "tasks/{taskId}/assign")] HttpRequest request, string taskId, CancellationToken cancellationToken) =>
        AssignAnswerAsync(request, taskId, cancellationToken).ToActionAsync();

    private async Task<IResult> AssignAnswerAsync(HttpRequest request, string taskId, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<TaskAssignInput>(request, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            return problem!;
        }

        var result = await reassign.AssignAsync(taskId, input, CallerSource.Of(request), cancellationToken).ConfigureAwait(false);
        return result.ToHttp(() => TypedResults.Ok(new { task = result.Task }));
    }
}
