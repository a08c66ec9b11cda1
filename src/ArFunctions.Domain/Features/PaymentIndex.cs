using System.Buffers;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Domain.Features;

/// <summary>
/// One customer's payments chained per invoice id (by <see cref="IdHash"/>) in scratch space the caller provides,
/// so finding an invoice's payments costs one hash and its own payments: O(P) to build and O(1) per invoice, where
/// a per-invoice scan would be O(I × P), and sorting by invoice id spent most of its time comparing strings. Most
/// invoices have no payment or one; only an invoice with several has them copied (to a pooled buffer) and ordered.
/// </summary>
internal ref struct PaymentIndex
{
    private readonly ReadOnlySpan<Payment> _payments;
    private readonly Span<int> _buckets;
    private readonly Span<int> _next;
    private Payment[]? _several;

    /// <summary>Indexes <paramref name="payments"/> in <paramref name="scratch"/>: at least <see cref="ScratchSize"/> ints, overwritten.</summary>
    public PaymentIndex(ReadOnlySpan<Payment> payments, Span<int> scratch)
    {
        _payments = payments;
        var buckets = IdHash.BucketCount(payments.Length);
        _buckets = scratch[..buckets];
        _next = scratch.Slice(buckets, payments.Length);
        _several = null;

        // Slots hold a payment index plus one, so that zero means empty.
        _buckets.Clear();
        for (var p = 0; p < payments.Length; p++)
        {
            var bucket = IdHash.Of(payments[p].InvoiceId.Value) & (buckets - 1);
            _next[p] = _buckets[bucket];
            _buckets[bucket] = p + 1;
        }
    }

    public static int ScratchSize(int payments) => IdHash.BucketCount(payments) + payments;

    /// <summary>
    /// The payments against <paramref name="invoiceId"/>, oldest first (then by payment id); empty when there are
    /// none. Valid until the next call.
    /// </summary>
    public ReadOnlySpan<Payment> For(InvoiceId invoiceId)
    {
        if (_payments.IsEmpty)
        {
            return [];
        }

        var head = _buckets[IdHash.Of(invoiceId.Value) & (_buckets.Length - 1)];
        var count = 0;
        var last = 0;
        for (var slot = head; slot != 0; slot = _next[slot - 1])
        {
            if (IsFor(_payments[slot - 1], invoiceId))
            {
                count++;
                last = slot - 1;
            }
        }

        return count switch
        {
            0 => [],
            1 => _payments.Slice(last, 1),
            _ => Several(invoiceId, head, count),
        };
    }

    /// <summary>Returns the buffer used for invoices with several payments to the pool.</summary>
    public void Dispose()
    {
        if (_several is not null)
        {
            Array.Clear(_several);
            ArrayPool<Payment>.Shared.Return(_several);
            _several = null;
        }
    }

    private ReadOnlySpan<Payment> Several(InvoiceId invoiceId, int head, int count)
    {
        _several ??= ArrayPool<Payment>.Shared.Rent(_payments.Length);
        var found = _several.AsSpan(0, count);
        var n = 0;
        for (var slot = head; slot != 0; slot = _next[slot - 1])
        {
            if (IsFor(_payments[slot - 1], invoiceId))
            {
                found[n++] = _payments[slot - 1];
            }
        }

        // Insertion sort: a handful of payments, and no comparison delegate.
        for (var i = 1; i < found.Length; i++)
        {
            var payment = found[i];
            var j = i - 1;
            while (j >= 0 && IsLater(found[j], payment))
            {
                found[j + 1] = found[j];
                j--;
            }

            found[j + 1] = payment;
        }

        return found;
    }

    private static bool IsFor(Payment payment, InvoiceId invoiceId) =>
        string.Equals(payment.InvoiceId.Value, invoiceId.Value, StringComparison.Ordinal);

    private static bool IsLater(Payment x, Payment y)
    {
        var byDate = x.Date.CompareTo(y.Date);
        return byDate != 0 ? byDate > 0 : string.CompareOrdinal(x.Id, y.Id) > 0;
    }
}
