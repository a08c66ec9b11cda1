using ArFunctions.Application.Access;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Tasks;

/// <summary>Body of POST /api/tasks/{taskId}/assign: the collector (a policy <c>worklist.collectors</c> id) who takes the task.</summary>
public sealed record TaskAssignInput(string? Collector);

/// <summary>What moving a task did: the task as it is now (moved, or already with that collector), or why not.</summary>
public sealed record TaskAssignResult(CollectorTask? Task, Failure? Failure) : IOutcome
{
    public static TaskAssignResult Refused(Failure failure) => new(null, failure);
}

/// <summary>
/// A lead moves an open call or letter task to another collector of the policy (POST /api/tasks/{taskId}/assign). The
/// task keeps its id, invoices and attempts; it leaves the old collector's list and joins the new one's, and records
/// who moved it and when. Internal tasks (escalations, agency hand-offs, disputes) belong to a role or team and are not
/// moved here. The write is conditional: a task that changed meanwhile is a conflict, and bad input changes nothing.
/// </summary>
public sealed partial class ReassignTask(ITaskStore tasks, IPolicySource policies, BusinessClock clock, ILogger<ReassignTask> logger)
{
    public async Task<TaskAssignResult> AssignAsync(string taskId, TaskAssignInput input, Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsSignedIn && !caller.Roles.Contains(Role.Lead))
        {
            return TaskAssignResult.Refused(Failure.Forbidden($"Signed in as {Failure.Quote(caller.Name)}: only a lead moves tasks between collectors."));
        }

        var collectors = policies.Current.Worklist.Collectors;
        if (input.Collector is not { Length: > 0 } collector || !collectors.Any(c => string.Equals(c.Id, collector, StringComparison.Ordinal)))
        {
            var reason = input.Collector is { Length: > 0 } unknown
                ? $"'{Failure.Quote(unknown)}' is not one of the policy's collectors ({string.Join(", ", collectors.Select(c => c.Id))})"
                : "name the collector who takes the task";
            return TaskAssignResult.Refused(Failure.Invalid("The assignment is invalid; nothing was changed.", [new FieldError("collector", reason)]));
        }

        var task = TaskSlots.ShardOf(taskId) is null ? null : await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return TaskAssignResult.Refused(Failure.NotFound($"No task '{Failure.Quote(taskId)}'."));
        }

        if (task.Slot != TaskSlots.Collector)
        {
            return TaskAssignResult.Refused(Failure.Conflict($"Task '{taskId}' is an internal {KebabName<TaskKind>.Format(task.Kind)} task for '{task.Assignee}', not a collector's."));
        }

        if (!task.IsOpen)
        {
            return TaskAssignResult.Refused(Failure.Conflict($"Task '{taskId}' was closed on {task.ClosedOn:yyyy-MM-dd}."));
        }

        if (string.Equals(task.Assignee, collector, StringComparison.Ordinal))
        {
            return new TaskAssignResult(task with { ETag = null }, null);
        }

        var moved = task with { Assignee = collector, ReassignedBy = caller.AuditName, ReassignedOn = clock.Today };
        if (!await tasks.TryReplaceAsync(moved, cancellationToken).ConfigureAwait(false))
        {
            return TaskAssignResult.Refused(Failure.Conflict($"Task '{taskId}' changed while it was being moved; reload it and try again."));
        }

        await tasks.SyncIndexAsync(moved, cancellationToken).ConfigureAwait(false);
        await tasks.RemoveFromIndexAsync(task.Assignee, task.TaskId, cancellationToken).ConfigureAwait(false);
        LogMoved(taskId, task.Assignee, collector, caller.AuditName ?? "nobody");
        return new TaskAssignResult(moved with { ETag = null }, null);
    }

    [LoggerMessage(LogLevel.Information, "Moved task {TaskId} from {From} to {To} ({By})")]
    private partial void LogMoved(string taskId, string from, string to, string by);
}
