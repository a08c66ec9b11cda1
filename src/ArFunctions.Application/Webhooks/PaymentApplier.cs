using System.Security.Cryptography;
using System.Text;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using Microsoft.Extensions.Logging;

namespace ArFunctions.Application.Webhooks;

/// <summary>
/// Applies normalized payment events to receivables. A payment's first event plans it (allocations capped at each
/// invoice's open amount, the excess a credit, unknown invoices parked as unmatched) and stores the plan in the
/// payment's <see cref="PaymentState"/> with a conditional insert: concurrent deliveries all carry out the one plan
/// that won, and every step is keyed so a repeat changes nothing. Refunds are planned against that state (credit
/// first, then the last allocations) and park until their payment is applied.
/// </summary>
public sealed partial class PaymentApplier(
    IPaymentStateStore states,
    IReceivablesLedger ledger,
    IUnmatchedPaymentStore unmatched,
    IMessageQueue queue,
    ILogger<PaymentApplier> logger)
{
    public const string ChargebackCategory = "chargeback";
    public const string PaidReason = "paid";
    private const int MaxAttempts = 10;

    /// <summary>Applies the event; false when it is a refund parked until its payment is applied.</summary>
    public async Task<bool> ApplyAsync(PaymentEvent payment, CancellationToken cancellationToken)
    {
        switch (payment.Kind)
        {
            case PaymentEventKind.PaymentSucceeded when payment.IsInvoiceTotal:
                await ApplyInvoiceTotalAsync(payment, cancellationToken).ConfigureAwait(false);
                return true;
            case PaymentEventKind.PaymentSucceeded:
                await ApplyPaymentAsync(payment, cancellationToken).ConfigureAwait(false);
                return true;
            case PaymentEventKind.PaymentRefunded:
                return await ApplyRefundAsync(payment, cancellationToken).ConfigureAwait(false);
            case PaymentEventKind.DisputeCreated:
                await OpenDisputesAsync(payment, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                await RecordFailureAsync(payment, cancellationToken).ConfigureAwait(false);
                return true;
        }
    }

    /// <summary>
    /// Plans first (reading each named invoice once, the reads kept for the paying steps), then the conditional insert
    /// of the payment's state decides: it wins, or the stored state (an earlier delivery, another event of the payment)
    /// is read and carried out instead. A first delivery never reads the state it is about to create.
    /// </summary>
    private async Task ApplyPaymentAsync(PaymentEvent payment, CancellationToken cancellationToken)
    {
        var reads = new Dictionary<string, InvoiceRead>(StringComparer.Ordinal);
        var planned = await PlanPaymentAsync(payment, reads, cancellationToken).ConfigureAwait(false);
        var stored = await states.TryAddAsync(planned, cancellationToken).ConfigureAwait(false)
            ? new Stored<PaymentState>(planned, "")
            : await states.GetAsync(payment.Source, payment.PaymentId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Payment state {payment.Source}/{payment.PaymentId} vanished after a conflicting insert.");

        if (!stored.Value.Plans.TryGetValue(payment.EventId, out var plan))
        {
            // Another event of the same payment (payment_intent.succeeded, then invoice.paid) applied it already.
            LogSamePayment(logger, payment.EventId, payment.PaymentId);
            return;
        }

        await CarryOutAsync(stored.Value, payment.EventId, plan, payment, reads, cancellationToken).ConfigureAwait(false);

        // After the state is stored: a refund parks before it looks for the state, so one of the two sees the other.
        foreach (var refundId in await states.GetParkedRefundsAsync(payment.Source, payment.PaymentId, cancellationToken).ConfigureAwait(false))
        {
            await queue.SendAsync(QueueNames.Payments, new PaymentEventMessage(payment.Source, refundId), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PaymentState> PlanPaymentAsync(PaymentEvent payment, Dictionary<string, InvoiceRead> reads, CancellationToken cancellationToken)
    {
        var steps = new List<InvoiceStep>();
        var allocations = new List<AppliedAllocation>();
        var unmatchedAllocations = new List<int>();
        var open = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var credit = 0m;
        string? customer = null;
        for (var i = 0; i < payment.Allocations.Count; i++)
        {
            var allocation = payment.Allocations[i];
            var read = InvoiceId.TryCreate(allocation.InvoiceRef, out var invoiceId, out _)
                ? reads.GetValueOrDefault(invoiceId.Value) ?? await ledger.FindToPayAsync(invoiceId, payment.Source, cancellationToken).ConfigureAwait(false)
                : null;
            if (read is null || read.Invoice.Currency.Value != payment.Currency)
            {
                unmatchedAllocations.Add(i);
                continue;
            }

            var invoice = read.Invoice;
            var id = invoice.Id.Value;
            reads[id] = read;
            var left = open.TryGetValue(id, out var known) ? known : Payable(invoice, read.Totals);
            var applied = Math.Min(allocation.Amount, left);
            open[id] = left - applied;
            credit += allocation.Amount - applied;
            customer ??= invoice.CustomerId.Value;
            if (applied > 0m)
            {
                steps.Add(new InvoiceStep(id, invoice.CustomerId.Value, -applied));
                AddAllocation(allocations, new AppliedAllocation(id, invoice.CustomerId.Value, applied, 0m));
            }
        }

        var unallocated = payment.Amount - payment.Allocations.Sum(a => a.Amount);
        if (unallocated > 0m && customer is not null)
        {
            credit += unallocated;
        }
        else if (unallocated > 0m || payment.Allocations.Count == 0)
        {
            unmatchedAllocations.Add(-1);
        }

        var plan = new PaymentPlan(steps, credit, unmatchedAllocations);
        var plans = new Dictionary<string, PaymentPlan>(StringComparer.Ordinal) { [payment.EventId] = plan };
        return new PaymentState(payment.Source, payment.PaymentId, payment.Currency, payment.PaidOn, customer, allocations, credit, 0m, plans);
    }

    private async Task<bool> ApplyRefundAsync(PaymentEvent refund, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var stored = await states.GetAsync(refund.Source, refund.PaymentId, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                // Park first, then look again: a payment applied in between either shows here or finds the parked row and re-queues us.
                await states.ParkRefundAsync(refund.Source, refund.PaymentId, refund.EventId, cancellationToken).ConfigureAwait(false);
                stored = await states.GetAsync(refund.Source, refund.PaymentId, cancellationToken).ConfigureAwait(false);
                if (stored is null)
                {
                    LogParked(logger, refund.EventId, refund.PaymentId);
                    return false;
                }
            }

            var state = stored.Value;
            if (!state.Plans.TryGetValue(refund.EventId, out var plan))
            {
                (state, plan) = PlanRefund(state, refund);
                if (!await states.TryReplaceAsync(state, stored.Version, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }
            }

            await CarryOutAsync(state, refund.EventId, plan, refund, null, cancellationToken).ConfigureAwait(false);
            await states.RemoveParkedRefundAsync(refund.Source, refund.PaymentId, refund.EventId, cancellationToken).ConfigureAwait(false);
            return true;
        }

        throw new InvalidOperationException($"Payment state {refund.Source}/{refund.PaymentId} kept changing; the refund {refund.EventId} will be retried.");
    }

    /// <summary>
    /// The refund's amount is the payment's cumulative refunded total, so only the growth since the last applied refund
    /// counts (repeats and stale events add nothing). It takes back the credit first, then the latest allocations.
    /// </summary>
    internal static (PaymentState State, PaymentPlan Plan) PlanRefund(PaymentState state, PaymentEvent refund)
    {
        var growth = refund.Currency == state.Currency ? refund.Amount - state.RefundedTotal : 0m;
        var steps = new List<InvoiceStep>();
        var allocations = state.Allocations.ToList();
        var fromCredit = Math.Clamp(growth, 0m, state.Credit);
        var rest = Math.Max(0m, growth - fromCredit);
        for (var j = allocations.Count - 1; j >= 0 && rest > 0m; j--)
        {
            var a = allocations[j];
            var reopen = Math.Min(rest, a.Amount - a.Reopened);
            if (reopen > 0m)
            {
                allocations[j] = a with { Reopened = a.Reopened + reopen };
                steps.Add(new InvoiceStep(a.InvoiceId, a.CustomerId, reopen));
                rest -= reopen;
            }
        }

        var plan = new PaymentPlan(steps, -fromCredit, []);
        var plans = new Dictionary<string, PaymentPlan>(state.Plans, StringComparer.Ordinal) { [refund.EventId] = plan };
        var next = state with
        {
            Allocations = allocations,
            Credit = state.Credit - fromCredit,
            RefundedTotal = Math.Max(state.RefundedTotal, growth > 0m ? refund.Amount : state.RefundedTotal),
            Plans = plans,
        };
        return (next, plan);
    }

    /// <summary>
    /// Carries out a stored plan, every step keyed so a repeat changes nothing. <paramref name="reads"/>: the invoices
    /// as this invocation read them to plan, each written under once instead of read again.
    /// </summary>
    private async Task CarryOutAsync(PaymentState state, string planKey, PaymentPlan plan, PaymentEvent? origin, Dictionary<string, InvoiceRead>? reads, CancellationToken cancellationToken)
    {
        var closedCustomers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var stepKey = Hash(state.Source, planKey, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (step.Delta < 0m)
            {
                InvoiceRead? read = null;
                if (reads?.Remove(step.InvoiceId, out read) == true && read.Invoice.CustomerId.Value != step.CustomerId)
                {
                    read = null;
                }

                var paid = await PayAsync(state.Source, step, stepKey, -step.Delta, false, state.PaidOn, read, cancellationToken).ConfigureAwait(false);
                if (paid is { IsCollectible: false })
                {
                    closedCustomers.Add(step.CustomerId);
                }
            }
            else
            {
                await ledger.ApplyStepAsync(new CustomerId(step.CustomerId), new InvoiceId(step.InvoiceId), stepKey, step.Delta, state.PaidOn, cancellationToken).ConfigureAwait(false);
            }
        }

        var touched = plan.Steps.Select(s => s.InvoiceId).ToHashSet(StringComparer.Ordinal);
        var method = state.Source == WebhookOptions.StripeSource ? PaymentMethod.Card : PaymentMethod.Wire;
        var payments = state.Allocations.Where(a => touched.Contains(a.InvoiceId)).Select(a => new Payment(
            PaymentRowId(state.Source, state.PaymentId, a.InvoiceId), new InvoiceId(a.InvoiceId), new CustomerId(a.CustomerId),
            a.Amount - a.Reopened, new CurrencyCode(state.Currency), state.PaidOn, method)).ToList();
        await ledger.UpsertPaymentsAsync(payments, cancellationToken).ConfigureAwait(false);
        if (state.CustomerId is not null && (plan.CreditDelta != 0m || state.Credit != 0m))
        {
            var credit = new Credit(OverpaymentCreditId(state.Source, state.PaymentId), new CustomerId(state.CustomerId), CreditKind.Overpayment, state.Credit, new CurrencyCode(state.Currency), state.PaidOn);
            await ledger.UpsertCreditAsync(credit, cancellationToken).ConfigureAwait(false);
        }

        if (origin is not null)
        {
            foreach (var index in plan.Unmatched)
            {
                await ParkUnmatchedAsync(origin, index, "no open invoice in the payment's currency matches the reference", cancellationToken).ConfigureAwait(false);
            }
        }

        // Only a customer with an invoice this plan paid that is now closed (by this delivery or an earlier one of the
        // same plan, whose step repeats as a no-op) can have an action whose invoices are all closed because of it.
        foreach (var customer in closedCustomers)
        {
            await SkipActionsOfClosedInvoicesAsync(new CustomerId(customer), state.PaidOn, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// An action still pending was planned within its message's time to live before today; the payment's date is
    /// today or earlier (a total resolved by hand keeps its payment's date), so a week before it covers every action
    /// that can still be handled.
    /// </summary>
    private async Task SkipActionsOfClosedInvoicesAsync(CustomerId customerId, DateOnly paidOn, CancellationToken cancellationToken)
    {
        var plannedSince = paidOn.AddDays(-QueueNames.MessageTimeToLiveDays);
        var skipped = await ledger.SkipPendingActionsAsync(customerId, plannedSince, async token =>
        {
            var invoices = await ledger.GetCustomerInvoicesAsync(customerId, token).ConfigureAwait(false);
            return invoices.Where(i => !i.IsCollectible).Select(i => i.Id.Value).ToHashSet(StringComparer.Ordinal);
        }, PaidReason, cancellationToken).ConfigureAwait(false);
        if (skipped.Count > 0)
        {
            LogSkipped(logger, skipped.Count, customerId.Value);
        }
    }

    private async Task<Invoice?> FindAsync(string? invoiceRef, CancellationToken cancellationToken) =>
        InvoiceId.TryCreate(invoiceRef, out var id, out _) ? await ledger.FindInvoiceAsync(id, cancellationToken).ConfigureAwait(false) : null;

    private static void AddAllocation(List<AppliedAllocation> allocations, AppliedAllocation allocation)
    {
        var index = allocations.FindIndex(a => a.InvoiceId == allocation.InvoiceId);
        if (index < 0)
        {
            allocations.Add(allocation);
        }
        else
        {
            allocations[index] = allocations[index] with { Amount = allocations[index].Amount + allocation.Amount };
        }
    }

    /// <summary>The Payments row id of one payment's application to one invoice; hashed when the plain form would pass 128 characters.</summary>
    public static string PaymentRowId(string source, string paymentId, string invoiceId)
    {
        var plain = source + ":" + paymentId + ":" + invoiceId;
        return plain.Length <= EntityKey.MaxLength ? plain : source + ":" + Hash(paymentId, invoiceId);
    }

    internal static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..32];

    /// <summary>A payment's overpayment is one credit, so a repeated or replayed plan replaces it, never adds a second.</summary>
    public static string OverpaymentCreditId(string source, string paymentId) => $"{source}:{paymentId}";

    [LoggerMessage(EventId = 621, Level = LogLevel.Information, Message = "Payment event {EventId}: payment {PaymentId} was already applied by another event")]
    private static partial void LogSamePayment(ILogger logger, string eventId, string paymentId);

    [LoggerMessage(EventId = 622, Level = LogLevel.Information, Message = "Refund {EventId} parked until payment {PaymentId} is applied")]
    private static partial void LogParked(ILogger logger, string eventId, string paymentId);

    [LoggerMessage(EventId = 623, Level = LogLevel.Information, Message = "Skipped {Count} pending actions of customer {CustomerId}: invoices paid")]
    private static partial void LogSkipped(ILogger logger, int count, string customerId);
}
