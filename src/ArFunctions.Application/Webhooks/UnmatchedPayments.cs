using System.Globalization;
using ArFunctions.Application.Access;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Webhooks;

/// <summary>What came of resolving an unmatched payment.</summary>
public enum ResolveOutcome
{
    Resolved,
    NotFound,
    InvoiceNotFound,

    /// <summary>The invoice's currency differs from the payment's.</summary>
    CurrencyMismatch,

    /// <summary>Already resolved to another invoice; nothing changed.</summary>
    AlreadyResolved,
}

/// <summary>What resolving <see cref="UnmatchedId"/> to <see cref="InvoiceId"/> did.</summary>
public sealed record ResolveResult(ResolveOutcome Outcome, string UnmatchedId, string InvoiceId) : IOutcome
{
    public Failure? Failure => Outcome switch
    {
        ResolveOutcome.Resolved => null,
        ResolveOutcome.NotFound => Failure.NotFound($"No unmatched payment '{Failure.Quote(UnmatchedId)}'."),
        ResolveOutcome.InvoiceNotFound => Failure.Invalid("The invoice does not exist.", [new FieldError("invoiceId", $"no invoice '{Failure.Quote(InvoiceId)}'")]),
        ResolveOutcome.CurrencyMismatch => Failure.Invalid("The invoice is in another currency than the payment.", [new FieldError("invoiceId", "currency differs from the payment's")]),
        _ => Failure.Conflict("The payment was already resolved to another invoice."),
    };
}

/// <summary>
/// The payments no invoice matched, for people to resolve. Resolving claims the row for the invoice first (ETag), so two
/// people naming different invoices cannot both apply it; resolving again to the same invoice finishes an interrupted attempt.
/// The row records who resolved it (<c>resolvedBy</c>), and the customer's history gets a note saying who applied what,
/// so the customer detail shows the hand-made match.
/// </summary>
public sealed class UnmatchedPayments(IUnmatchedPaymentStore store, IReceivablesLedger ledger, PaymentApplier applier, BusinessClock clock)
{
    public Task<IReadOnlyList<UnmatchedPayment>> ListAsync(CancellationToken cancellationToken) => store.ListOpenAsync(cancellationToken);

    /// <summary>Applies the parked payment to <paramref name="invoiceId"/> for <paramref name="caller"/>, whom the row and the customer's history name.</summary>
    public async Task<ResolveResult> ResolveAsync(string unmatchedId, string invoiceId, Caller caller, CancellationToken cancellationToken) =>
        new(await TryResolveAsync(unmatchedId, invoiceId, caller.AuditName, cancellationToken).ConfigureAwait(false), unmatchedId, invoiceId);

    private async Task<ResolveOutcome> TryResolveAsync(string unmatchedId, string invoiceId, string? author, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(unmatchedId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return ResolveOutcome.NotFound;
        }

        var row = stored.Value;
        if (row.ResolvedInvoiceId is not null && row.ResolvedInvoiceId != invoiceId)
        {
            return ResolveOutcome.AlreadyResolved;
        }

        if (!InvoiceId.TryCreate(invoiceId, out var id, out _) || await ledger.FindInvoiceAsync(id, cancellationToken).ConfigureAwait(false) is not { } invoice)
        {
            return ResolveOutcome.InvoiceNotFound;
        }

        if (invoice.Currency.Value != row.Currency)
        {
            return ResolveOutcome.CurrencyMismatch;
        }

        if (row.ResolvedInvoiceId is null)
        {
            row = row with { ResolvedInvoiceId = invoiceId, ResolvedBy = author, ResolvedOn = clock.Today };
            if (!await store.TryReplaceAsync(row, stored.Version, cancellationToken).ConfigureAwait(false))
            {
                // Someone else resolved it meanwhile: go by what they chose.
                return await TryResolveAsync(unmatchedId, invoiceId, author, cancellationToken).ConfigureAwait(false);
            }
        }

        await applier.ApplyResolvedAsync(row, invoice, cancellationToken).ConfigureAwait(false);
        await ledger.AddInteractionAsync(ResolutionNote(row, invoice), cancellationToken).ConfigureAwait(false);
        return ResolveOutcome.Resolved;
    }

    /// <summary>The history line of a resolution, from the claimed row alone: a retry writes the same interaction again (keyed by content).</summary>
    private static Interaction ResolutionNote(UnmatchedPayment row, Invoice invoice) => new(
        invoice.CustomerId,
        row.ResolvedOn ?? row.PaidOn,
        InteractionKind.Note,
        InteractionOutcome.None,
        string.Create(CultureInfo.InvariantCulture, $"{row.Source} payment {row.PaymentId} ({row.Amount:0.00} {row.Currency}, {KebabName<PaymentEventKind>.Format(row.Kind)}) matched by hand to {invoice.Id.Value}"),
        row.ResolvedBy);
}
