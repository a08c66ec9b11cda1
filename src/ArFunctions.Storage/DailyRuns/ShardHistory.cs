using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.Mapping;
using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.DailyRuns;

/// <summary>
/// A shard's invoices, payments, interactions and ledger as scanned, split into what the run reads and what is closed
/// history to archive (<see cref="HistorySelection"/>). What the run reads: invoices open or paid within the history
/// window, payments dated within it, interactions of the last <see cref="TableShardStore.InteractionDays"/> days, and
/// the ledger rows of collectible invoices (the ledger of an open invoice with nothing left to collect stays, unread).
/// </summary>
internal sealed class ShardHistory
{
    public ShardHistory(DateOnly asOf, List<TableEntity> invoiceRows, List<TableEntity> paymentRows, List<TableEntity> interactionRows, List<TableEntity> ledgerRows)
    {
        var windowStart = asOf.AddDays(-TableShardStore.HistoryDays);
        var allInvoices = invoiceRows.Select(InvoiceEntityMapper.FromEntity).ToArray();
        var stillOpen = new HashSet<InvoiceId>();
        var collectible = new HashSet<InvoiceId>();
        var staying = new HashSet<InvoiceId>();
        var archivedInvoices = new List<TableEntity>();
        var archivedIds = new HashSet<InvoiceId>();
        for (var i = 0; i < allInvoices.Length; i++)
        {
            var invoice = allInvoices[i];
            if (invoice.Status == InvoiceStatus.Open)
            {
                stillOpen.Add(invoice.Id);
                if (invoice.IsCollectible)
                {
                    collectible.Add(invoice.Id);
                }

                Invoices.Add(invoice);
            }
            else if (HistorySelection.IsClosedBefore(invoice, windowStart))
            {
                archivedInvoices.Add(invoiceRows[i]);
                archivedIds.Add(invoice.Id);
                continue;
            }
            else if (invoice.PaidOn >= windowStart)
            {
                Invoices.Add(invoice);
            }

            staying.Add(invoice.Id);
        }

        // A payment goes with its invoice; one whose invoice is not in the table any more goes once it is older than the window.
        var archivedPayments = new List<TableEntity>();
        foreach (var row in paymentRows)
        {
            var payment = PaymentEntityMapper.FromEntity(row);
            if (archivedIds.Contains(payment.InvoiceId) || (payment.Date < windowStart && !staying.Contains(payment.InvoiceId)))
            {
                archivedPayments.Add(row);
            }
            else if (payment.Date >= windowStart)
            {
                Payments.Add(payment);
            }
        }

        var archivedInteractions = new List<TableEntity>();
        foreach (var row in interactionRows)
        {
            var interaction = InteractionEntityMapper.FromEntity(row);
            if (interaction.Date < windowStart)
            {
                archivedInteractions.Add(row);
            }
            else if (interaction.Date >= asOf.AddDays(-TableShardStore.InteractionDays))
            {
                Interactions.Add(interaction);
            }
        }

        var archivedLedger = new List<TableEntity>();
        foreach (var row in ledgerRows)
        {
            var entry = LedgerEntries.FromEntity(row);
            if (collectible.Contains(entry.Entry.InvoiceId))
            {
                Ledger.Add(entry);
            }
            else if (!stillOpen.Contains(entry.Entry.InvoiceId))
            {
                archivedLedger.Add(row);
            }
        }

        Archived =
        [
            (StorageTables.Ledger, archivedLedger),
            (StorageTables.Payments, archivedPayments),
            (StorageTables.Interactions, archivedInteractions),
            (StorageTables.Invoices, archivedInvoices),
        ];
    }

    public List<Invoice> Invoices { get; } = [];

    public List<Payment> Payments { get; } = [];

    public List<Interaction> Interactions { get; } = [];

    public List<(CustomerId CustomerId, LedgerEntry Entry)> Ledger { get; } = [];

    /// <summary>The rows to move, table by table, in the order they go: an invoice after its ledger rows and payments.</summary>
    public IReadOnlyList<(string Table, IReadOnlyList<TableEntity> Rows)> Archived { get; }
}
