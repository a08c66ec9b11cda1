using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Tasks;

/// <summary>
/// A dispute to open on a customer's invoices: by a collector's outcome on <see cref="SourceTaskId"/>, or by the customer
/// on the customer page. <see cref="AbsorbId"/> names the request, so opening it twice raises the owner's task once;
/// <see cref="Author"/> is who opened it, as the audit names them.
/// </summary>
internal sealed record DisputeRequest(
    int Shard,
    CustomerId CustomerId,
    string CustomerName,
    IReadOnlyList<string> Invoices,
    IReadOnlyList<string> Steps,
    DisputeCategory Category,
    string? Note,
    DateOnly Today,
    string? Author,
    string AbsorbId,
    string? SourceTaskId = null);

/// <summary>
/// The effects of a dispute, wherever it is recorded: each named invoice still collectible and not already disputed gets
/// a <see cref="Dispute"/> in the category (the planner pauses it while open), and the category's owner gets a dispute
/// task for the customer (merged into the owner's open one). Idempotent: invoice changes set values, the task absorbs
/// the request once.
/// </summary>
internal sealed class DisputeOpener(ITaskStore tasks, ITaskAccountStore accounts)
{
    private readonly TaskWriter _writer = new(tasks);

    /// <summary>Opens the dispute; returns the invoices it disputed now and the owner's task id.</summary>
    public async Task<(IReadOnlyList<Invoice> Disputed, string RaisedTaskId)> OpenAsync(DisputeRequest request, CancellationToken cancellationToken)
    {
        var ids = request.Invoices.Select(i => new InvoiceId(i)).ToArray();
        var disputed = await accounts.UpdateInvoicesAsync(request.CustomerId, ids, i => i.IsCollectible && i.Dispute?.IsOpenOn(request.Today) != true
            ? i with { Dispute = new Dispute(request.Category.Id, request.Today, OpenedBy: request.Author) }
            : null, cancellationToken).ConfigureAwait(false);
        var all = await accounts.GetInvoicesAsync(request.CustomerId, cancellationToken).ConfigureAwait(false);
        var owner = request.Category.Owner;
        var draft = new TaskDraft(
            request.Shard, request.CustomerId, request.CustomerName, TaskKind.Dispute, TaskSlots.Internal(TaskKind.Dispute, owner),
            request.AbsorbId, disputed.Count > 0 ? disputed.Select(i => i.Id.Value).ToArray() : request.Invoices, request.Steps, request.Today,
            Category: request.Category.Id, Note: request.Note, SourceTaskId: request.SourceTaskId);
        var (_, raised) = await _writer.WriteAsync(draft, _ => Task.FromResult(owner), all, cancellationToken).ConfigureAwait(false);
        return (disputed, raised.TaskId);
    }
}
