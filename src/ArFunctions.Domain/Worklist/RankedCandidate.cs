using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// A scored, eligible customer on its way to a list: <see cref="Index"/> points into the portfolio,
/// <see cref="Collector"/> into the configured collectors (-1 when unassigned or not configured), <see cref="Team"/>
/// numbers the team whose collectors may take it when unassigned (0: anyone).
/// </summary>
internal readonly record struct RankedCandidate(double Score, CustomerId CustomerId, int Index, int Collector, int Team = 0) : IRanked<RankedCandidate>
{
    /// <summary>True when this ranks ahead of <paramref name="other"/>: higher score, then lower customer id (ordinal).</summary>
    public bool RanksAhead(in RankedCandidate other) =>
        Score > other.Score || (Score == other.Score && string.CompareOrdinal(CustomerId.Value, other.CustomerId.Value) < 0);
}

/// <summary>The best <c>capacity</c> candidates offered, by <see cref="RankedCandidate.RanksAhead"/>.</summary>
internal sealed class TopCandidates(int capacity) : StrongestKept<RankedCandidate>(capacity);
