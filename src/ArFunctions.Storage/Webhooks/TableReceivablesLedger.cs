using System.Text.Json;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Webhooks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using Azure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Webhooks;

/// <summary>
/// The receivables payment events change, over the customer's shard. An invoice change is an ETag-guarded replace of
/// the stored row that also records the step's key in <c>paymentSteps</c> (the last <see cref="KeptStepKeys"/>), so
/// a repeated step is seen and skipped, and the per-source paid totals in <c>sourceTotals</c>. Credits: <see cref="CreditStore"/>, an overpayment under the id "source:paymentId".
/// </summary>
public sealed class TableReceivablesLedger(
    StorageTables tables,
    Sharding sharding,
    InvoiceStore invoices,
    PaymentStore paymentStore,
    CreditStore creditStore,
    InteractionStore interactions) : IReceivablesLedger
{
    public const int KeptStepKeys = 64;

    /// <summary>The invoice row's per-source <see cref="SourceTotals"/>, as JSON keyed by source.</summary>
    public const string SourceTotalsProperty = "sourceTotals";
    private const int MaxAttempts = 10;

    private readonly TableHandle _invoices = tables.Get(StorageTables.Invoices);
    private readonly TableHandle _actions = tables.Get(StorageTables.Actions);

    public Task<Invoice?> FindInvoiceAsync(InvoiceId invoiceId, CancellationToken cancellationToken) => invoices.FindAsync(invoiceId, cancellationToken);

    public async Task<InvoiceRead?> FindToPayAsync(InvoiceId invoiceId, string source, CancellationToken cancellationToken) =>
        await invoices.FindRowAsync(invoiceId, cancellationToken).ConfigureAwait(false) is { } entity
            ? new InvoiceRead(InvoiceEntityMapper.FromEntity(entity), TotalsOf(entity).GetValueOrDefault(source, SourceTotals.None), entity)
            : null;

    public async Task<Invoice?> ApplyStepAsync(CustomerId customerId, InvoiceId invoiceId, string stepKey, decimal delta, DateOnly on, CancellationToken cancellationToken) =>
        (await UpdateInvoiceAsync(customerId, invoiceId, stepKey, null, (invoice, _) => Move(invoice, delta, on), cancellationToken).ConfigureAwait(false))?.Invoice;

    public async Task<PaidStep?> ApplyPaidStepAsync(CustomerId customerId, InvoiceId invoiceId, string stepKey, string source, decimal amount, bool isInvoiceTotal, DateOnly on, InvoiceRead? read, CancellationToken cancellationToken)
    {
        var updated = await UpdateInvoiceAsync(customerId, invoiceId, stepKey, read?.Row as TableEntity, (invoice, totals) =>
        {
            var before = totals.GetValueOrDefault(source, SourceTotals.None);
            var after = before.With(amount, isInvoiceTotal);
            totals[source] = after;
            return Move(invoice, before.Applied - after.Applied, on);
        }, cancellationToken).ConfigureAwait(false);
        return updated is { } u ? new PaidStep(u.Invoice, u.Totals.GetValueOrDefault(source, SourceTotals.None)) : null;
    }

    public async Task<SourceTotals> GetSourceTotalsAsync(CustomerId customerId, InvoiceId invoiceId, string source, CancellationToken cancellationToken)
    {
        var table = await _invoices.GetAsync(cancellationToken).ConfigureAwait(false);
        var entity = await table.GetOrNullAsync(sharding.PartitionKeyOf(customerId), InvoiceEntityMapper.RowKey(customerId, invoiceId), cancellationToken).ConfigureAwait(false);
        return entity is null ? SourceTotals.None : TotalsOf(entity).GetValueOrDefault(source, SourceTotals.None);
    }

    private static Invoice Move(Invoice invoice, decimal delta, DateOnly on)
    {
        var open = Math.Max(0m, invoice.OpenAmount + delta);
        return (open, invoice.Status) switch
        {
            (0m, InvoiceStatus.Open) => invoice with { OpenAmount = 0m, Status = InvoiceStatus.Paid, PaidOn = on },
            ( > 0m, InvoiceStatus.Paid) => invoice with { OpenAmount = open, Status = InvoiceStatus.Open, PaidOn = null },
            _ => invoice with { OpenAmount = open },
        };
    }

    public Task OpenDisputeAsync(CustomerId customerId, InvoiceId invoiceId, Dispute dispute, CancellationToken cancellationToken) =>
        UpdateInvoiceAsync(customerId, invoiceId, null, null, (invoice, _) =>
            invoice.Dispute is { Resolved: null } ? invoice : invoice with { Dispute = dispute }, cancellationToken);

    public Task UpsertPaymentsAsync(IReadOnlyList<Payment> payments, CancellationToken cancellationToken) => paymentStore.UpsertAsync(payments, cancellationToken);

    public Task UpsertCreditAsync(Credit credit, CancellationToken cancellationToken) => creditStore.UpsertAsync([credit], cancellationToken);

    public Task AddInteractionAsync(Interaction interaction, CancellationToken cancellationToken) => interactions.UpsertAsync([interaction], cancellationToken);

    public async Task<IReadOnlyList<Invoice>> GetCustomerInvoicesAsync(CustomerId customerId, CancellationToken cancellationToken)
    {
        var list = new List<Invoice>();
        await foreach (var invoice in invoices.StreamCustomerAsync(customerId, cancellationToken).ConfigureAwait(false))
        {
            list.Add(invoice);
        }

        return list;
    }

    public async Task<IReadOnlyList<string>> SkipPendingActionsAsync(CustomerId customerId, DateOnly plannedSince, Func<CancellationToken, Task<IReadOnlySet<string>>> closedInvoiceIds, string reason, CancellationToken cancellationToken)
    {
        var table = await _actions.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = sharding.PartitionKeyOf(customerId);
        var planned = KebabName<ActionStatus>.Format(ActionStatus.Planned);
        var queued = KebabName<ActionStatus>.Format(ActionStatus.Queued);
        var since = PlannedAction.IdDay(plannedSince);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {since} and customerId eq {customerId.Value} and (status eq {planned} or status eq {queued})");
        var skipped = new List<string>();
        IReadOnlySet<string>? closed = null;
        await foreach (var entity in table.StreamAsync<TableEntity>(filter, cancellationToken).ConfigureAwait(false))
        {
            var action = ActionEntities.FromEntity(entity);
            if (action.Invoices.Count == 0)
            {
                continue;
            }

            closed ??= await closedInvoiceIds(cancellationToken).ConfigureAwait(false);
            if (!action.Invoices.All(closed.Contains))
            {
                continue;
            }

            // Under the ETag read: an action its handler claimed or finished meanwhile keeps the handler's outcome.
            if (await ActionStatusWrites.TryMoveFromAsync(table, partition, entity.RowKey, entity.ETag.ToString(), action.Status, ActionStatus.Skipped,
                    patch => patch["statusReason"] = reason, cancellationToken).ConfigureAwait(false) is not null)
            {
                skipped.Add(entity.RowKey);
            }
        }

        return skipped;
    }

    /// <summary>
    /// One ETag-guarded change of an invoice row: <paramref name="change"/> sees the invoice and the row's per-source
    /// totals (which it may change), and the row keeps its step keys and totals whatever the change. <paramref name="known"/>:
    /// the row as the caller read it, the first attempt's instead of a read (its ETag guards the write all the same).
    /// </summary>
    private async Task<(Invoice Invoice, Dictionary<string, SourceTotals> Totals)?> UpdateInvoiceAsync(
        CustomerId customerId, InvoiceId invoiceId, string? stepKey, TableEntity? known, Func<Invoice, Dictionary<string, SourceTotals>, Invoice> change, CancellationToken cancellationToken)
    {
        var table = await _invoices.GetAsync(cancellationToken).ConfigureAwait(false);
        var partition = sharding.PartitionKeyOf(customerId);
        var rowKey = InvoiceEntityMapper.RowKey(customerId, invoiceId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entity = attempt == 0 && known is not null && known.PartitionKey == partition && known.RowKey == rowKey
                ? known
                : await table.GetOrNullAsync(partition, rowKey, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return null;
            }

            var invoice = InvoiceEntityMapper.FromEntity(entity);
            var totals = TotalsOf(entity);
            var steps = JsonSerializer.Deserialize<List<string>>(entity.GetString("paymentSteps") ?? "[]") ?? [];
            if (stepKey is not null && steps.Contains(stepKey))
            {
                if (ReferenceEquals(entity, known))
                {
                    // A repeat reports the row as it is now, not as the caller read it.
                    known = null;
                    continue;
                }

                return (invoice, totals);
            }

            var changed = change(invoice, totals);
            var updated = InvoiceEntityMapper.ToEntity(changed, partition);
            if (stepKey is not null)
            {
                steps.Add(stepKey);
            }

            updated["paymentSteps"] = JsonSerializer.Serialize(steps.TakeLast(KeptStepKeys));
            if (totals.Count > 0)
            {
                updated[SourceTotalsProperty] = JsonSerializer.Serialize(totals);
            }

            var result = await table.TryUpdateAsync(updated, entity.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return (changed, totals);
            }
        }

        throw new RequestFailedException(412, $"Invoice {invoiceId} of customer {customerId} kept changing; the step will be retried.");
    }

    private static Dictionary<string, SourceTotals> TotalsOf(TableEntity entity) =>
        entity.GetString(SourceTotalsProperty) is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, SourceTotals>>(json) ?? new(StringComparer.Ordinal)
            : new(StringComparer.Ordinal);
}
