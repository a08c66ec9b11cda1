using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;

namespace ArFunctions.Storage.Emails;

/// <summary>
/// The action handlers' ports over the tables: the stored action (Actions, PK shard, RK action id) and its outcome,
/// fresh reads of the customer, its invoices and its credits, and interactions.
/// </summary>
public sealed class TableActionOutcomeStore(
    StorageTables tables,
    TableShardStore shards,
    CustomerStore customers,
    InvoiceStore invoices,
    CreditStore credits,
    InteractionStore interactions) : IActionOutcomeStore, ICustomerAccountReader, IInteractionRecorder
{
    private readonly TableHandle _actions = tables.Get(StorageTables.Actions);

    public async Task<StoredActionView?> GetAsync(int shard, string actionId, CancellationToken cancellationToken)
    {
        if (shard < 0 || shard >= shards.ShardCount || !EntityKey.IsValid(actionId, out _))
        {
            return null;
        }

        var stored = await shards.GetActionAsync(shard, actionId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : new StoredActionView(
            stored.ActionId,
            stored.AsOf,
            stored.Kind,
            stored.CustomerId,
            stored.Template,
            stored.ContactRole,
            stored.Invoices.Select(i => new InvoiceId(i)).ToArray(),
            stored.Status,
            stored.Claim,
            stored.ETag);
    }

    public async Task<bool> TryClaimAsync(int shard, StoredActionView action, ActionClaim claim, CancellationToken cancellationToken)
    {
        if (action.Version is not { } version)
        {
            return false;
        }

        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var claimed = await ActionStatusWrites.TryMoveFromAsync(
            table, Sharding.PartitionKey(shard), action.ActionId, version, action.Status, ActionStatus.Sending, e => ActionEntities.WriteClaim(e, claim), cancellationToken).ConfigureAwait(false);
        return claimed is not null;
    }

    /// <summary>A guarded merge: the plan's fields stay as they are; status, reason and completion time are set.</summary>
    public async Task<bool> CompleteAsync(int shard, string actionId, ActionOutcome outcome, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        return await ActionStatusWrites.TryMoveAsync(table, Sharding.PartitionKey(shard), actionId, outcome.Status, patch =>
        {
            patch["statusReason"] = outcome.Reason;
            patch["completedAt"] = outcome.CompletedAt;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CustomerAccount?> GetAsync(CustomerId customerId, IReadOnlyList<InvoiceId> invoiceIds, CancellationToken cancellationToken)
    {
        var customer = await customers.GetAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return null;
        }

        // One range read of the customer's invoices serves both the action's invoices and the account totals.
        var all = new List<Invoice>();
        await foreach (var invoice in invoices.StreamCustomerAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            all.Add(invoice);
        }

        var byId = all.ToDictionary(i => i.Id);
        var found = invoiceIds.Where(byId.ContainsKey).Select(id => byId[id]).ToArray();
        var stored = new List<Credit>();
        await foreach (var credit in credits.StreamCustomerAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            stored.Add(credit);
        }

        var contactStates = await shards.ContactStates.GetAsync(customerId, cancellationToken).ConfigureAwait(false);
        return new CustomerAccount(customer, found, all) { Credits = stored, ContactStates = contactStates };
    }

    public Task RecordAsync(Interaction interaction, CancellationToken cancellationToken) =>
        interactions.UpsertAsync([interaction], cancellationToken);
}
