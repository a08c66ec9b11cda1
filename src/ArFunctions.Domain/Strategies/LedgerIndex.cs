using ArFunctions.Domain.Common;
using ArFunctions.Domain.Features;

namespace ArFunctions.Domain.Strategies;

/// <summary>
/// A customer's ledger entries chained per invoice id, in scratch space the caller provides (stack or pool), so
/// finding an invoice's entries costs its own entries rather than a scan of the whole ledger. A customer with a
/// thousand open invoices would otherwise cost a million comparisons a day. Built on first use.
/// </summary>
internal ref struct LedgerIndex
{
    private readonly ReadOnlySpan<LedgerEntry> _ledger;
    private readonly Span<int> _buckets;
    private readonly Span<int> _next;
    private bool _built;

    /// <summary>Indexes <paramref name="ledger"/> in <paramref name="scratch"/>: at least <see cref="ScratchSize"/> ints, overwritten.</summary>
    public LedgerIndex(ReadOnlySpan<LedgerEntry> ledger, Span<int> scratch)
    {
        _ledger = ledger;
        var buckets = IdHash.BucketCount(ledger.Length);
        _buckets = scratch[..buckets];
        _next = scratch.Slice(buckets, ledger.Length);
        _built = false;
    }

    public static int ScratchSize(int entries) => IdHash.BucketCount(entries) + entries;

    /// <summary>The entries of <paramref name="invoice"/>, most recently listed first.</summary>
    public Enumerator EntriesOf(InvoiceId invoice)
    {
        if (!_built)
        {
            Build();
        }

        var head = _buckets.IsEmpty ? 0 : _buckets[IdHash.Of(invoice.Value) & (_buckets.Length - 1)];
        return new Enumerator(_ledger, _next, invoice, head);
    }

    private void Build()
    {
        // Slots hold an entry index plus one, so that zero means empty.
        _buckets.Clear();
        var mask = _buckets.Length - 1;
        for (var e = 0; e < _ledger.Length; e++)
        {
            var bucket = IdHash.Of(_ledger[e].InvoiceId.Value) & mask;
            _next[e] = _buckets[bucket];
            _buckets[bucket] = e + 1;
        }

        _built = true;
    }

    public ref struct Enumerator
    {
        private readonly ReadOnlySpan<LedgerEntry> _ledger;
        private readonly ReadOnlySpan<int> _next;
        private readonly InvoiceId _invoice;
        private int _slot;
        private int _current;

        internal Enumerator(ReadOnlySpan<LedgerEntry> ledger, ReadOnlySpan<int> next, InvoiceId invoice, int head)
        {
            _ledger = ledger;
            _next = next;
            _invoice = invoice;
            _slot = head;
            _current = -1;
        }

        public readonly ref readonly LedgerEntry Current => ref _ledger[_current];

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_slot != 0)
            {
                _current = _slot - 1;
                _slot = _next[_current];
                if (_ledger[_current].InvoiceId == _invoice)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
