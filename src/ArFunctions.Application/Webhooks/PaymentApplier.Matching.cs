using System.Globalization;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Webhooks;

/// <summary>Disputes, failed payments, and what cannot be matched: parked as unmatched, resolved by naming the invoice.</summary>
public sealed partial class PaymentApplier
{
    private async Task OpenDisputesAsync(PaymentEvent dispute, CancellationToken cancellationToken)
    {
        var invoices = await InvoicesOfAsync(dispute, cancellationToken).ConfigureAwait(false);
        if (invoices.Count == 0)
        {
            await ParkUnmatchedAsync(dispute, -1, "no invoice named and the disputed payment is not applied", cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var (customerId, invoiceId) in invoices)
        {
            await ledger.OpenDisputeAsync(customerId, invoiceId, new Dispute(ChargebackCategory, dispute.PaidOn), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RecordFailureAsync(PaymentEvent failure, CancellationToken cancellationToken)
    {
        var invoices = await InvoicesOfAsync(failure, cancellationToken).ConfigureAwait(false);
        if (invoices.Count == 0)
        {
            await ParkUnmatchedAsync(failure, -1, "no known invoice named", cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var customerId in invoices.Select(i => i.CustomerId).Distinct())
        {
            await ledger.AddInteractionAsync(FailureInteraction(failure, customerId), cancellationToken).ConfigureAwait(false);
        }
    }

    private static Interaction FailureInteraction(PaymentEvent failure, CustomerId customerId) =>
        new(customerId, failure.PaidOn, InteractionKind.PaymentFailed, InteractionOutcome.None, $"{failure.EventType} {failure.PaymentId}");

    /// <summary>The invoices an event is about: those it names, else those its payment was applied to.</summary>
    private async Task<List<(CustomerId CustomerId, InvoiceId InvoiceId)>> InvoicesOfAsync(PaymentEvent payment, CancellationToken cancellationToken)
    {
        var found = new List<(CustomerId, InvoiceId)>();
        foreach (var allocation in payment.Allocations)
        {
            if (await FindAsync(allocation.InvoiceRef, cancellationToken).ConfigureAwait(false) is { } invoice)
            {
                found.Add((invoice.CustomerId, invoice.Id));
            }
        }

        if (found.Count == 0 && await states.GetAsync(payment.Source, payment.PaymentId, cancellationToken).ConfigureAwait(false) is { } state)
        {
            found.AddRange(state.Value.Allocations.Select(a => (new CustomerId(a.CustomerId), new InvoiceId(a.InvoiceId))));
        }

        return found;
    }

    /// <summary>The id of an unmatched row: derived from the event and the allocation, so a retry writes the same row.</summary>
    public static string UnmatchedId(string source, string eventId, int allocation) =>
        "u" + Hash(source, eventId, allocation.ToString(CultureInfo.InvariantCulture));

    private async Task ParkUnmatchedAsync(PaymentEvent payment, int allocation, string reason, CancellationToken cancellationToken)
    {
        var part = allocation >= 0 ? payment.Allocations[allocation] : null;
        var amount = part?.Amount ?? (payment.Kind == PaymentEventKind.PaymentSucceeded
            ? payment.Amount - payment.Allocations.Sum(a => a.Amount)
            : payment.Amount);
        var row = new UnmatchedPayment(
            UnmatchedId(payment.Source, payment.EventId, allocation), payment.Source, payment.EventId, allocation, payment.Kind, payment.PaymentId,
            part?.InvoiceRef, payment.CustomerRef, amount, payment.Currency, payment.PaidOn, reason, null, IsInvoiceTotal: payment.IsInvoiceTotal);
        await unmatched.AddAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies an unmatched row to <paramref name="invoice"/>: a payment joins its payment's state under the row's id
    /// (capped at the open amount, the rest a credit); a refund reopens, a dispute opens, a failure is recorded.
    /// </summary>
    internal async Task ApplyResolvedAsync(UnmatchedPayment row, Invoice invoice, CancellationToken cancellationToken)
    {
        switch (row.Kind)
        {
            case PaymentEventKind.PaymentSucceeded when row.IsInvoiceTotal:
                await ConfirmInvoiceTotalAsync(row.Source, row.EventId, invoice, row.Amount, row.PaidOn, cancellationToken).ConfigureAwait(false);
                break;
            case PaymentEventKind.PaymentSucceeded:
                await ApplyResolvedPaymentAsync(row, invoice, cancellationToken).ConfigureAwait(false);
                break;
            case PaymentEventKind.PaymentRefunded:
                await ledger.ApplyStepAsync(invoice.CustomerId, invoice.Id, Hash(row.Source, row.UnmatchedId, "0"), row.Amount, row.PaidOn, cancellationToken).ConfigureAwait(false);
                break;
            case PaymentEventKind.DisputeCreated:
                await ledger.OpenDisputeAsync(invoice.CustomerId, invoice.Id, new Dispute(ChargebackCategory, row.PaidOn), cancellationToken).ConfigureAwait(false);
                break;
            default:
                var failure = new PaymentEvent(row.Source, row.EventId, "payment.failed", row.Kind, row.PaymentId, row.CustomerRef, row.Amount, row.Currency, row.PaidOn, []);
                await ledger.AddInteractionAsync(FailureInteraction(failure, invoice.CustomerId), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task ApplyResolvedPaymentAsync(UnmatchedPayment row, Invoice invoice, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await states.GetAsync(row.Source, row.PaymentId, cancellationToken).ConfigureAwait(false);
            var state = stored?.Value ?? new PaymentState(row.Source, row.PaymentId, row.Currency, row.PaidOn, null, [], 0m, 0m, new Dictionary<string, PaymentPlan>());
            if (!state.Plans.TryGetValue(row.UnmatchedId, out var plan))
            {
                var applied = Math.Min(row.Amount, await PayableAsync(row.Source, invoice, cancellationToken).ConfigureAwait(false));
                var steps = applied > 0m ? [new InvoiceStep(invoice.Id.Value, invoice.CustomerId.Value, -applied)] : Array.Empty<InvoiceStep>();
                plan = new PaymentPlan(steps, row.Amount - applied, []);
                var allocations = state.Allocations.ToList();
                if (applied > 0m)
                {
                    AddAllocation(allocations, new AppliedAllocation(invoice.Id.Value, invoice.CustomerId.Value, applied, 0m));
                }

                state = state with
                {
                    CustomerId = state.CustomerId ?? invoice.CustomerId.Value,
                    Allocations = allocations,
                    Credit = state.Credit + plan.CreditDelta,
                    Plans = new Dictionary<string, PaymentPlan>(state.Plans, StringComparer.Ordinal) { [row.UnmatchedId] = plan },
                };
                var saved = stored is null
                    ? await states.TryAddAsync(state, cancellationToken).ConfigureAwait(false)
                    : await states.TryReplaceAsync(state, stored.Version, cancellationToken).ConfigureAwait(false);
                if (!saved)
                {
                    continue;
                }
            }

            await CarryOutAsync(state, row.UnmatchedId, plan, null, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw new InvalidOperationException($"Payment state {row.Source}/{row.PaymentId} kept changing; resolve {row.UnmatchedId} again.");
    }
}
