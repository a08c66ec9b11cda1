using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using ArFunctions.Domain.Common;

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
        var buckets = BucketCount(ledger.Length);
        _buckets = scratch[..buckets];
        _next = scratch.Slice(buckets, ledger.Length);
        _built = false;
    }

    public static int ScratchSize(int entries) => BucketCount(entries) + entries;

    /// <summary>The entries of <paramref name="invoice"/>, most recently listed first.</summary>
    public Enumerator EntriesOf(InvoiceId invoice)
    {
        if (!_built)
        {
            Build();
        }

        var head = _buckets.IsEmpty ? 0 : _buckets[Hash(invoice.Value) & (_buckets.Length - 1)];
        return new Enumerator(_ledger, _next, invoice, head);
    }

    private void Build()
    {
        // Slots hold an entry index plus one, so that zero means empty.
        _buckets.Clear();
        var mask = _buckets.Length - 1;
        for (var e = 0; e < _ledger.Length; e++)
        {
            var bucket = Hash(_ledger[e].InvoiceId.Value) & mask;
            _next[e] = _buckets[bucket];
            _buckets[bucket] = e + 1;
        }

        _built = true;
    }

    private static int BucketCount(int entries) => entries == 0 ? 0 : (int)BitOperations.RoundUpToPowerOf2((uint)entries * 2);

    /// <summary>
    /// Length and the last eight characters: ids of one customer tend to differ at the end. Read as two 64-bit words
    /// and mixed with one multiplication (whose high half depends on every bit), it costs a few instructions, where a
    /// loop over the characters was a seventh of the planner's time.
    /// </summary>
    private static int Hash(string id)
    {
        var tail = MemoryMarshal.AsBytes(id.AsSpan(Math.Max(0, id.Length - 8)));
        ulong low = 0;
        ulong high = 0;
        if (tail.Length == 16)
        {
            low = BinaryPrimitives.ReadUInt64LittleEndian(tail);
            high = BinaryPrimitives.ReadUInt64LittleEndian(tail[8..]);
        }
        else
        {
            foreach (var c in id)
            {
                low = (low << 8) ^ (low >> 56) ^ c;
            }
        }

        var mixed = (low ^ BitOperations.RotateLeft(high, 32)) * 0x9E3779B97F4A7C15ul;
        return (int)(mixed >> 32) ^ id.Length;
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
