using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// A scored, eligible customer on its way to a list: <see cref="Index"/> points into the portfolio,
/// <see cref="Collector"/> into the configured collectors (-1 when unassigned or not configured), <see cref="Team"/>
/// numbers the team whose collectors may take it when unassigned (0: anyone).
/// </summary>
internal readonly record struct RankedCandidate(double Score, CustomerId CustomerId, int Index, int Collector, int Team = 0)
{
    /// <summary>True when this ranks ahead of <paramref name="other"/>: higher score, then lower customer id (ordinal).</summary>
    public bool RanksAhead(in RankedCandidate other) =>
        Score > other.Score || (Score == other.Score && string.CompareOrdinal(CustomerId.Value, other.CustomerId.Value) < 0);
}

/// <summary>
/// Keeps the best <c>capacity</c> candidates seen so far in a min-heap whose root is the weakest kept,
/// so offering n candidates costs O(n log capacity) and never sorts the whole portfolio.
/// </summary>
internal sealed class TopCandidates(int capacity)
{
    private readonly RankedCandidate[] _heap = new RankedCandidate[Math.Max(capacity, 0)];

    public int Count { get; private set; }

    public void Offer(in RankedCandidate candidate)
    {
        if (Count < _heap.Length)
        {
            _heap[Count] = candidate;
            SiftUp(Count++);
        }
        else if (Count > 0 && candidate.RanksAhead(in _heap[0]))
        {
            _heap[0] = candidate;
            SiftDown(0);
        }
    }

    /// <summary>The kept candidates, best first. Leaves the heap as it was.</summary>
    public RankedCandidate[] ToRankedArray()
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
