using ArFunctions.Domain.Common;
using System.Buffers;

namespace ArFunctions.Domain.Features;

/// <summary>Sets <see cref="CustomerFeatures.BalanceRank"/> across a portfolio.</summary>
public static class BalanceRanking
{
    /// <summary>
    /// Ranks by open balance, largest first (rank 1); equal balances are ordered by customer id (ordinal), so the
    /// ranks are 1..n without gaps and the same input always gives the same ranks. The portfolio keeps its order.
    /// </summary>
    public static void Assign(Span<CustomerFeatures> portfolio)
    {
        if (portfolio.IsEmpty)
        {
            return;
        }

        var keys = ArrayPool<RankKey>.Shared.Rent(portfolio.Length);
        var ranks = ArrayPool<int>.Shared.Rent(portfolio.Length);
        try
        {
            var span = keys.AsSpan(0, portfolio.Length);
            for (var i = 0; i < portfolio.Length; i++)
            {
                span[i] = RankKey.Of(portfolio[i], i);
            }

            span.Sort();
            for (var rank = 0; rank < span.Length; rank++)
            {
                ranks[span[rank].Index] = rank + 1;
            }

            // Written back in the portfolio's order: a large features array is then read and written front to back,
            // where writing in rank order jumps across it for every customer.
            for (var i = 0; i < portfolio.Length; i++)
            {
                ref var features = ref portfolio[i];
                features = features with { BalanceRank = ranks[i] };
            }
        }
        finally
        {
            ArrayPool<RankKey>.Shared.Return(keys, clearArray: true);
            ArrayPool<int>.Shared.Return(ranks);
        }
    }

    /// <summary>A customer's place in the ranking: before another when its <see cref="CompareTo"/> is negative.</summary>
    internal readonly record struct RankKey(decimal Balance, string? CustomerId, int Index) : IComparable<RankKey>, IRanked<RankKey>
    {
        public bool RanksAhead(in RankKey other) => CompareTo(other) < 0;

        public static RankKey Of(in CustomerFeatures features, int index) => new(features.OpenBalance, features.CustomerId.Value, index);

        public int CompareTo(RankKey other)
        {
            var byBalance = other.Balance.CompareTo(Balance);
            if (byBalance != 0)
            {
                return byBalance;
            }

            var byId = string.CompareOrdinal(CustomerId, other.CustomerId);
            return byId != 0 ? byId : Index.CompareTo(other.Index);
        }
    }
}
