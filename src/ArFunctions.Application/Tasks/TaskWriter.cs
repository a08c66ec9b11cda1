using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tasks;

/// <summary>What a new task would hold; merged into the customer's open task in <see cref="Slot"/> when there is one.</summary>
internal sealed record TaskDraft(
    int Shard,
    CustomerId CustomerId,
    string CustomerName,
    TaskKind Kind,
    string Slot,
    string AbsorbId,
    IReadOnlyList<string> Invoices,
    IReadOnlyList<string> Steps,
    DateOnly Today,
    TaskContact? Contact = null,
    string? Template = null,
    string? Category = null,
    string? Note = null,
    string? SourceTaskId = null);

internal enum TaskWrite
{
    Created,
    Merged,
    AlreadyDone,
}

/// <summary>
/// Creates the customer's open task in a slot or merges into it, absorbing each draft once (by
/// <see cref="TaskDraft.AbsorbId"/>). Races between writers are settled by the store's conditional writes: the loser
/// reads again and merges.
/// </summary>
internal sealed class TaskWriter(ITaskStore store)
{
    private const int MaxAttempts = 8;

    public async Task<(TaskWrite Write, CollectorTask Task)> WriteAsync(
        TaskDraft draft, Func<CancellationToken, Task<string>> assign, IReadOnlyList<Invoice> invoices, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var open = await store.GetOpenAsync(draft.CustomerId, draft.Slot, cancellationToken).ConfigureAwait(false);
            if (open is not null)
            {
                if (open.Actions.Contains(draft.AbsorbId, StringComparer.Ordinal))
                {
                    await store.SyncIndexAsync(open, cancellationToken).ConfigureAwait(false);
                    return (TaskWrite.AlreadyDone, open);
                }

                var merged = Merge(open, draft, invoices);
                if (await store.TryReplaceAsync(merged, cancellationToken).ConfigureAwait(false))
                {
                    await store.SyncIndexAsync(merged, cancellationToken).ConfigureAwait(false);
                    return (TaskWrite.Merged, merged);
                }

                continue;
            }

            var task = New(draft, await assign(cancellationToken).ConfigureAwait(false), invoices);
            if (await store.TryAddAsync(task, cancellationToken).ConfigureAwait(false))
            {
                await store.SyncIndexAsync(task, cancellationToken).ConfigureAwait(false);
                return (TaskWrite.Created, task);
            }

            // The id exists: this draft already made a task, which has been closed since.
            if (await store.GetAsync(task.TaskId, cancellationToken).ConfigureAwait(false) is { } earlier
                && earlier.Actions.Contains(draft.AbsorbId, StringComparer.Ordinal))
            {
                return (TaskWrite.AlreadyDone, earlier);
            }
        }

        throw new InvalidOperationException($"The task of customer {draft.CustomerId} in slot {draft.Slot} kept changing; gave up after {MaxAttempts} attempts.");
    }

    /// <summary>Open amount per currency of the named invoices that are still collectible, by currency code.</summary>
    public static IReadOnlyList<CurrencyAmount> AmountsOf(IEnumerable<string> invoiceIds, IReadOnlyList<Invoice> invoices)
    {
        var wanted = invoiceIds.ToHashSet(StringComparer.Ordinal);
        return invoices
            .Where(i => i.IsCollectible && wanted.Contains(i.Id.Value))
            .GroupBy(i => i.Currency.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyAmount(g.Key, g.Sum(i => i.OpenAmount)))
            .ToArray();
    }

    private static CollectorTask New(TaskDraft draft, string assignee, IReadOnlyList<Invoice> invoices) => new()
    {
        TaskId = TaskSlots.NewTaskId(draft.Shard, draft.CustomerId.Value, draft.Slot, draft.AbsorbId),
        CustomerId = draft.CustomerId.Value,
        CustomerName = draft.CustomerName,
        Kind = draft.Kind,
        Slot = draft.Slot,
        Assignee = assignee,
        CreatedOn = draft.Today,
        Invoices = draft.Invoices,
        Amounts = AmountsOf(draft.Invoices, invoices),
        Steps = draft.Steps,
        Contact = draft.Contact,
        Template = draft.Template,
        Category = draft.Category,
        Note = draft.Note,
        SourceTaskId = draft.SourceTaskId,
        Actions = [draft.AbsorbId],
    };

    private static CollectorTask Merge(CollectorTask open, TaskDraft draft, IReadOnlyList<Invoice> invoices)
    {
        var invoiceIds = Union(open.Invoices, draft.Invoices);
        return open with
        {
            // A call needs a phone and a person: it outranks a letter in the same collector task.
            Kind = open.Kind == TaskKind.Letter && draft.Kind == TaskKind.Call ? TaskKind.Call : open.Kind,
            Invoices = invoiceIds,
            Amounts = AmountsOf(invoiceIds, invoices),
            Steps = Union(open.Steps, draft.Steps),
            Contact = draft.Contact ?? open.Contact,
            Template = draft.Template ?? open.Template,
            Note = draft.Note is null ? open.Note : open.Note is null ? draft.Note : open.Note + "\n" + draft.Note,
            Actions = [.. open.Actions, draft.AbsorbId],
        };
    }

    private static string[] Union(IReadOnlyList<string> first, IReadOnlyList<string> second) =>
        first.Concat(second).Distinct(StringComparer.Ordinal).ToArray();
}
