using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Tasks;

/// <summary>
/// Records what came of a task (POST /api/tasks/{taskId}/outcome). Every outcome records an interaction. A promise puts
/// a <see cref="PaymentPromise"/> on the task's open invoices (the planner pauses them until the promised date plus
/// grace days); a dispute opens a <see cref="Dispute"/> on them (paused while open) and raises a dispute task for the
/// category's owner. <c>no-answer</c> and <c>voicemail</c> keep the task open for another try until the
/// <see cref="MaxAttempts"/>-th attempt; every other outcome closes it. Today is the business date
/// (<see cref="BusinessClock"/>).
/// </summary>
/// <remarks>
/// Claim, then act: the outcome is first written onto the task under the ETag read (outcome, attempts, state, and the
/// request as <see cref="CollectorTask.PendingOutcome"/>). Of two outcomes recorded at once only one claim succeeds;
/// the other is a conflict before anything else changed. The effects follow, each idempotent (the interaction is keyed
/// by content and dated by the claim, invoice changes set values, the raised task absorbs the outcome once), then the
/// pending mark is cleared. A request cut off in between is finished by the next request on the task (the same request
/// retried answers as recorded). Once the task is closed, another outcome is a conflict. Bad input changes nothing.
/// </remarks>
public sealed partial class RecordTaskOutcome(
    ITaskStore tasks,
    ITaskAccountStore accounts,
    IPolicySource policies,
    BusinessClock clock,
    Access.AccessRules access,
    ILogger<RecordTaskOutcome> logger)
{
    /// <summary>Attempts after which a task with no answer closes anyway (the ladder's next step takes over).</summary>
    public const int MaxAttempts = 3;

    private const int MaxClearAttempts = 8;

    private readonly DisputeOpener _disputes = new(tasks, accounts);

    /// <summary>The outcomes a task accepts, by wire name.</summary>
    public static IReadOnlyList<string> Outcomes { get; } =
        new[] { InteractionOutcome.Reached, InteractionOutcome.NoAnswer, InteractionOutcome.Voicemail, InteractionOutcome.WrongContact,
            InteractionOutcome.Promise, InteractionOutcome.Dispute, InteractionOutcome.PaidClaimed }
        .Select(KebabName<InteractionOutcome>.Format).ToArray();

    /// <summary>
    /// Records an outcome for <paramref name="caller"/>: a collector only on a task of their own list
    /// (<see cref="Access.AccessRules"/>). The interaction, the promise or dispute and the task name the caller as their
    /// author (<see cref="Access.Caller.AuditName"/>).
    /// </summary>
    public async Task<TaskOutcomeResult> RecordAsync(string taskId, TaskOutcomeInput input, Access.Caller caller, CancellationToken cancellationToken)
    {
        var task = TaskSlots.ShardOf(taskId) is null ? null : await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return TaskOutcomeResult.NotFound(taskId);
        }

        if (access.ToRecordOutcome(caller, task) is { } denied)
        {
            return TaskOutcomeResult.Forbidden(denied);
        }

        string? raised = null;
        if (task.PendingOutcome is { } pending)
        {
            (task, raised) = await FinishAsync(task, pending, cancellationToken).ConfigureAwait(false);
            if (pending.Input == input)
            {
                return new TaskOutcomeResult(RecordOutcomeStatus.Recorded, task with { ETag = null }, [], raised);
            }
        }

        var today = clock.Today;
        var (valid, errors) = TaskOutcomeValidator.Validate(input, task, policies.Current, today);
        if (valid is null)
        {
            return TaskOutcomeResult.Invalid(errors);
        }

        if (!task.IsOpen)
        {
            await tasks.SyncIndexAsync(task, cancellationToken).ConfigureAwait(false);
            return TaskOutcomeResult.Conflict(task, $"task '{taskId}' was closed on {task.ClosedOn:yyyy-MM-dd} ({FormatOutcome(task.Outcome)})");
        }

        var attempt = task.Attempts + 1;
        var author = caller.AuditName;
        var keepOpen = valid.Outcome is InteractionOutcome.NoAnswer or InteractionOutcome.Voicemail && attempt < MaxAttempts;
        var claimed = task with
        {
            Outcome = valid.Outcome,
            OutcomeBy = author,
            Attempts = attempt,
            State = keepOpen ? TaskState.Open : TaskState.Closed,
            ClosedOn = keepOpen ? null : today,
            PendingOutcome = new PendingOutcome(input!, today, attempt, author),
        };
        if (!await tasks.TryReplaceAsync(claimed, cancellationToken).ConfigureAwait(false))
        {
            var now = await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false) ?? task;
            return TaskOutcomeResult.Conflict(now, $"task '{taskId}' changed while the outcome was recorded; reload it and try again");
        }

        (var updated, raised) = await FinishAsync(claimed, claimed.PendingOutcome, cancellationToken).ConfigureAwait(false);
        LogRecorded(taskId, FormatOutcome(valid.Outcome), updated.State);
        return new TaskOutcomeResult(RecordOutcomeStatus.Recorded, updated with { ETag = null }, [], raised);
    }

    /// <summary>
    /// Applies the effects of the outcome claimed on <paramref name="task"/> (each idempotent, so finishing twice changes
    /// nothing), clears the pending mark and brings the index in line; returns the task as stored and the raised task's id.
    /// </summary>
    private async Task<(CollectorTask Task, string? Raised)> FinishAsync(CollectorTask task, PendingOutcome pending, CancellationToken cancellationToken)
    {
        var (valid, _) = TaskOutcomeValidator.Validate(pending.Input, task, policies.Current, pending.On);
        string? raised = null;
        if (valid is not null)
        {
            var customerId = new CustomerId(task.CustomerId);
            var note = NoteOf(task, pending.Attempt, valid.Note);
            await accounts.AddInteractionAsync(new Interaction(customerId, pending.On, InteractionKindOf(task.Kind), valid.Outcome, note, pending.By), cancellationToken).ConfigureAwait(false);
            raised = await ApplyAsync(task, valid, pending.On, pending.By, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogPendingInvalid(task.TaskId);
        }

        var done = await ClearPendingAsync(task.TaskId, pending, cancellationToken).ConfigureAwait(false) ?? task with { PendingOutcome = null };
        await tasks.SyncIndexAsync(done, cancellationToken).ConfigureAwait(false);
        return (done, raised);
    }

    /// <summary>Removes <paramref name="pending"/> from the stored task (re-read on a concurrent write); the task as stored after.</summary>
    private async Task<CollectorTask?> ClearPendingAsync(string taskId, PendingOutcome pending, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxClearAttempts; attempt++)
        {
            var stored = await tasks.GetAsync(taskId, cancellationToken).ConfigureAwait(false);
            if (stored is null || stored.PendingOutcome != pending)
            {
                return stored;
            }

            var cleared = stored with { PendingOutcome = null };
            if (await tasks.TryReplaceAsync(cleared, cancellationToken).ConfigureAwait(false))
            {
                return cleared;
            }
        }

        throw new InvalidOperationException($"Task {taskId} kept changing while its outcome was finished; the next request finishes it.");
    }

    /// <summary>The promise or dispute on the invoices, and the owner's task for a dispute; returns the raised task's id.</summary>
    private async Task<string?> ApplyAsync(CollectorTask task, ValidOutcome valid, DateOnly today, string? author, CancellationToken cancellationToken)
    {
        var customerId = new CustomerId(task.CustomerId);
        var ids = task.Invoices.Select(i => new InvoiceId(i)).ToArray();
        if (valid.Promise is { } promise)
        {
            var invoices = await accounts.GetInvoicesAsync(customerId, cancellationToken).ConfigureAwait(false);
            var share = PromiseShares(task, invoices, promise.Amount, valid.PromiseCurrency!);
            await accounts.UpdateInvoicesAsync(customerId, ids, i => share.TryGetValue(i.Id.Value, out var amount) && i.IsCollectible
                ? i with { Promise = promise with { Amount = amount, RecordedBy = author } }
                : null, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (valid.Category is not { } category)
        {
            return null;
        }

        var (_, raised) = await _disputes.OpenAsync(new DisputeRequest(
            TaskSlots.ShardOf(task.TaskId)!.Value, customerId, task.CustomerName, task.Invoices, task.Steps, category, valid.DisputeNote ?? valid.Note,
            today, author, "outcome:" + task.TaskId, task.TaskId), cancellationToken).ConfigureAwait(false);
        return raised;
    }

    /// <summary>
    /// Spreads the promised amount over the task's open invoices in <paramref name="currency"/>, oldest due date first,
    /// each taking at most its open amount; invoices the amount does not reach get no promise and stay chased.
    /// </summary>
    internal static Dictionary<string, decimal> PromiseShares(CollectorTask task, IReadOnlyList<Invoice> invoices, decimal amount, string currency)
    {
        var named = task.Invoices.ToHashSet(StringComparer.Ordinal);
        var shares = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var left = amount;
        foreach (var invoice in invoices.Where(i => named.Contains(i.Id.Value) && i.IsCollectible && (currency.Length == 0 || i.Currency.Value == currency))
                     .OrderBy(i => i.DueDate).ThenBy(i => i.Id.Value, StringComparer.Ordinal))
        {
            if (left <= 0m)
            {
                break;
            }

            var share = Math.Min(left, invoice.OpenAmount);
            shares[invoice.Id.Value] = share;
            left -= share;
        }

        return shares;
    }

    private static InteractionKind InteractionKindOf(TaskKind kind) => kind switch
    {
        TaskKind.Call => InteractionKind.Call,
        TaskKind.Letter => InteractionKind.Letter,
        TaskKind.Escalation => InteractionKind.Escalation,
        TaskKind.Agency => InteractionKind.Agency,
        _ => InteractionKind.Note,
    };

    /// <summary>The task and attempt keep two identical outcomes of one day apart (interactions are keyed by content).</summary>
    private static string NoteOf(CollectorTask task, int attempt, string? note) =>
        $"task {task.TaskId} #{attempt}" + (string.IsNullOrWhiteSpace(note) ? "" : ": " + note);

    private static string FormatOutcome(InteractionOutcome? outcome) => outcome is { } o ? KebabName<InteractionOutcome>.Format(o) : "none";

    [LoggerMessage(LogLevel.Warning, "Task {TaskId}: the outcome claimed on it no longer validates against the policy; its effects were dropped")]
    private partial void LogPendingInvalid(string taskId);

    [LoggerMessage(LogLevel.Information, "Task {TaskId}: outcome {Outcome} recorded, task {State}")]
    private partial void LogRecorded(string taskId, string outcome, TaskState state);
}
