using ArFunctions.Domain.Common;
using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Engine;

/// <summary>
/// Lets the engine decide a customer before the portfolio's balance ranks are known, while its records are still in
/// the cache. A policy's rules read the rank only through comparisons <c>balanceRank op v</c>, and every such
/// comparison has the same outcome for all ranks above the largest <c>v</c> (<see cref="Bound"/>). A customer is
/// proven to rank there once <see cref="Bound"/> customers already seen rank ahead of it: those seen later can only
/// push it further down. Keeps the strongest <see cref="Bound"/> customers seen so far (a heap whose root is the
/// weakest of them), so proving costs one comparison for nearly every customer.
/// </summary>
internal sealed class RankProof
{
    /// <summary>Past this bound, proving costs more than it saves (and few customers could be proven at all).</summary>
    private const int MaxBound = 1024;

    private readonly StrongestKept<BalanceRanking.RankKey> _strongest;

    private RankProof(int bound)
    {
        Bound = bound;
        _strongest = new StrongestKept<BalanceRanking.RankKey>(bound);
    }

    /// <summary>Every rank above this one reads the same to the policy's rules; 0 when no rule reads the rank.</summary>
    public int Bound { get; }

    /// <summary>A rank that stands for every rank above <see cref="Bound"/>.</summary>
    public int StandIn => Bound + 1;

    /// <summary>The proof for <paramref name="policy"/> over a portfolio of <paramref name="customers"/>, or null when none is worth trying.</summary>
    public static RankProof? For(CollectionPolicy policy, int customers)
    {
        var comparisons = new List<Comparison>();
        foreach (var segment in policy.Segments)
        {
            segment.When?.CollectComparisons(comparisons);
        }

        foreach (var strategy in policy.Strategies)
        {
            foreach (var step in strategy.Steps)
            {
                step.When?.CollectComparisons(comparisons);
            }
        }

        var largest = 0.0;
        foreach (var comparison in comparisons)
        {
            if (comparison.Feature.Id == FeatureId.BalanceRank)
            {
                largest = Math.Max(largest, comparison.Number);
            }
        }

        // Ranks are whole numbers: every rank above floor(largest) is above every value compared with.
        if (largest >= Math.Min(MaxBound, customers))
        {
            return null;
        }

        return new RankProof((int)Math.Floor(largest));
    }

    /// <summary>
    /// Takes the customer at <paramref name="index"/> into account and says whether it is proven to rank above
    /// <see cref="Bound"/> (beyond it: rank <see cref="Bound"/> + 1 or more). Call once per customer, in any order.
    /// </summary>
    public bool RanksBeyondBound(in CustomerFeatures features, int index)
    {
        if (Bound == 0)
        {
            return true;
        }

        var key = BalanceRanking.RankKey.Of(features, index);
        if (_strongest.IsFull && _strongest.Weakest.RanksAhead(key))
        {
            return true;
        }

        _strongest.Offer(key);
        return false;
    }
}
