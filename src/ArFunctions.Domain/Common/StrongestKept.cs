namespace ArFunctions.Domain.Common;

/// <summary>An item that can say whether it ranks ahead of another of its kind (never both ways for distinct items).</summary>
internal interface IRanked<T>
    where T : struct
{
    bool RanksAhead(in T other);
}

/// <summary>
/// Keeps the best <c>capacity</c> items seen so far in a min-heap whose root is the weakest kept,
/// so offering n items costs O(n log capacity) and never sorts them all.
/// </summary>
internal class StrongestKept<T>(int capacity)
    where T : struct, IRanked<T>
{
    private readonly T[] _heap = new T[Math.Max(capacity, 0)];

    public int Count { get; private set; }

    /// <summary>True once <c>capacity</c> items are kept: from then on an item enters only by pushing out <see cref="Weakest"/>.</summary>
    public bool IsFull => Count == _heap.Length;

    /// <summary>The weakest item kept; valid when <see cref="Count"/> is positive.</summary>
    public ref readonly T Weakest => ref _heap[0];

    public void Offer(in T item)
    {
        if (Count < _heap.Length)
        {
            _heap[Count] = item;
            SiftUp(Count++);
        }
        else if (Count > 0 && item.RanksAhead(in _heap[0]))
        {
            _heap[0] = item;
            SiftDown(0);
        }
    }

    /// <summary>The items kept, best first.</summary>
    public T[] ToRankedArray()
    {
        var ranked = _heap.AsSpan(0, Count).ToArray();
        Array.Sort(ranked, static (a, b) => a.RanksAhead(in b) ? -1 : b.RanksAhead(in a) ? 1 : 0);
        return ranked;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!_heap[parent].RanksAhead(in _heap[i]))
            {
                return;
            }

            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var weakest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < Count && _heap[weakest].RanksAhead(in _heap[left]))
            {
                weakest = left;
            }

            if (right < Count && _heap[weakest].RanksAhead(in _heap[right]))
            {
                weakest = right;
            }

            if (weakest == i)
            {
                return;
            }

            (_heap[weakest], _heap[i]) = (_heap[i], _heap[weakest]);
            i = weakest;
        }
    }
}
