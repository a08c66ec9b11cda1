using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Domain.Features;

/// <summary>
/// One customer's payments sorted by invoice id (ordinal) then date, so the payments of one invoice are a
/// contiguous run found by binary search: O(P log P) to build and O(log P) per invoice, where a per-invoice
/// scan would be O(I × P). Sorting a caller-supplied (pooled) buffer keeps the hot path free of allocations,
/// which a dictionary would not.
/// </summary>
internal readonly ref struct PaymentIndex
{
    private readonly ReadOnlySpan<Payment> _sorted;

    private PaymentIndex(ReadOnlySpan<Payment> sorted) => _sorted = sorted;

    /// <summary>Copies <paramref name="payments"/> into the start of <paramref name="buffer"/> and sorts them there.</summary>
    public static PaymentIndex Build(ReadOnlySpan<Payment> payments, Span<Payment> buffer)
    {
        var sorted = buffer[..payments.Length];
        payments.CopyTo(sorted);
        if (sorted.Length > 1)
        {
            sorted.Sort(ByInvoiceThenDate);
        }

        return new PaymentIndex(sorted);
    }

    /// <summary>The payments against <paramref name="invoiceId"/>, oldest first; empty when there are none.</summary>
    public ReadOnlySpan<Payment> For(InvoiceId invoiceId)
    {
        if (_sorted.IsEmpty)
        {
            return [];
        }

        var id = invoiceId.Value;
        var low = 0;
        var high = _sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (string.CompareOrdinal(_sorted[mid].InvoiceId.Value, id) < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        var end = low;
        while (end < _sorted.Length && string.Equals(_sorted[end].InvoiceId.Value, id, StringComparison.Ordinal))
        {
            end++;
        }

        return _sorted[low..end];
    }

    // A cached delegate: Sort with an IComparer wraps comparer.Compare in a new delegate on every call.
    private static readonly Comparison<Payment> ByInvoiceThenDate = Compare;

    private static int Compare(Payment x, Payment y)
    {
        var byInvoice = string.CompareOrdinal(x.InvoiceId.Value, y.InvoiceId.Value);
        if (byInvoice != 0)
        {
            return byInvoice;
        }

        var byDate = x.Date.CompareTo(y.Date);
        return byDate != 0 ? byDate : string.CompareOrdinal(x.Id, y.Id);
    }
}
