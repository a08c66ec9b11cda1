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

        var ranks = ArrayPool<int>.Shared.Rent(portfolio.Length);
        try
        {
            // Balances in whole cents (nearly always) sort on a long; others on the decimal itself. Same order.
            if (!TryRankByCents(portfolio, ranks))
            {
                Rank<RankKey>(portfolio, ranks, static (in CustomerFeatures features, int index) => RankKey.Of(features, index));
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
            ArrayPool<int>.Shared.Return(ranks);
        }
    }

    /// <summary>Equal balances: by customer id (ordinal), then by place in the portfolio.</summary>
    private static int CompareTies(string? id, int index, string? otherId, int otherIndex)
    {
        var byId = string.CompareOrdinal(id, otherId);
        return byId != 0 ? byId : index.CompareTo(otherIndex);
    }

    private delegate T KeyOf<T>(in CustomerFeatures features, int index);

    /// <summary>Sorts the keys and writes each customer's rank (1-based) at its index in <paramref name="ranks"/>.</summary>
    private static void Rank<T>(ReadOnlySpan<CustomerFeatures> portfolio, int[] ranks, KeyOf<T> keyOf)
        where T : IComparable<T>, IRankIndex
    {
        var keys = ArrayPool<T>.Shared.Rent(portfolio.Length);
        try
        {
            var span = keys.AsSpan(0, portfolio.Length);
            for (var i = 0; i < portfolio.Length; i++)
            {
                span[i] = keyOf(portfolio[i], i);
            }

            span.Sort();
            for (var rank = 0; rank < span.Length; rank++)
            {
                ranks[span[rank].Index] = rank + 1;
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(keys, clearArray: true);
        }
    }

    /// <summary>Ranks by <see cref="CentsKey"/> when every open balance is a whole number of cents in range; false (nothing written) otherwise.</summary>
    private static bool TryRankByCents(ReadOnlySpan<CustomerFeatures> portfolio, int[] ranks)
    {
        foreach (ref readonly var features in portfolio)
        {
            if (!CentsKey.TryCents(features.OpenBalance, out _))
            {
                return false;
            }
        }

        Rank<CentsKey>(portfolio, ranks, static (in CustomerFeatures features, int index) =>
        {
            CentsKey.TryCents(features.OpenBalance, out var cents);
            return new CentsKey(cents, features.CustomerId.Value, index);
        });
        return true;
    }

    /// <summary>What <see cref="Rank{T}"/> needs of a key besides its order: the customer's index in the portfolio.</summary>
    private interface IRankIndex
    {
        int Index { get; }
    }

    /// <summary>
    /// <see cref="RankKey"/>'s order for a balance that is a whole number of cents: the cents compare as the decimals
    /// do (1.5 and 1.50 are equal in both), and a long compares several times faster than a decimal.
    /// </summary>
    private readonly record struct CentsKey(long Cents, string? CustomerId, int Index) : IComparable<CentsKey>, IRankIndex
    {
        // Far inside long's range, so that scaling a mantissa below it by 100 cannot overflow.
        private const ulong MaxMantissa = 1UL << 56;

        /// <summary>The balance in cents, when it has at most two decimals and a magnitude below 2^56.</summary>
        public static bool TryCents(decimal balance, out long cents)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(balance, bits);
            var scale = (bits[3] >> 16) & 0xFF;
            var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            cents = 0;
            if (bits[2] != 0 || scale > 2 || mantissa >= MaxMantissa)
            {
                return false;
            }

            var magnitude = (long)mantissa * (scale == 0 ? 100 : scale == 1 ? 10 : 1);
            cents = bits[3] < 0 ? -magnitude : magnitude;
            return true;
        }

        public int CompareTo(CentsKey other)
        {
            var byBalance = other.Cents.CompareTo(Cents);
            return byBalance != 0 ? byBalance : CompareTies(CustomerId, Index, other.CustomerId, other.Index);
        }
    }

    /// <summary>A customer's place in the ranking: before another when its <see cref="CompareTo"/> is negative.</summary>
    internal readonly record struct RankKey(decimal Balance, string? CustomerId, int Index) : IComparable<RankKey>, IRanked<RankKey>, IRankIndex
    {
        public bool RanksAhead(in RankKey other) => CompareTo(other) < 0;

        public static RankKey Of(in CustomerFeatures features, int index) => new(features.OpenBalance, features.CustomerId.Value, index);

        public int CompareTo(RankKey other)
        {
            var byBalance = other.Balance.CompareTo(Balance);
            return byBalance != 0 ? byBalance : CompareTies(CustomerId, Index, other.CustomerId, other.Index);
        }
    }
}
