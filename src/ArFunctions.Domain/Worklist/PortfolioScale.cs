using System.Buffers;
using ArFunctions.Domain.Features;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// The portfolio-wide yardsticks that turn amounts and frequencies into 0..1 components. Each is the
/// 99th percentile (nearest rank) of the positive values among customers that are not excluded, so that
/// one giant account does not squash everyone else towards zero; with fewer than 100 values it is the maximum.
/// Zero when no customer has a positive value, in which case the component is 0 for everybody.
/// </summary>
/// <param name="CollectibleOverdue">Reference overdue balance net of disputes, base currency.</param>
/// <param name="OrderFrequency">Reference order frequency, invoices per month.</param>
public readonly record struct PortfolioScale(double CollectibleOverdue, double OrderFrequency)
{
    private const double Percentile = 0.99;

    public static PortfolioScale From(ReadOnlySpan<CustomerFeatures> portfolio)
    {
        var pool = ArrayPool<double>.Shared;
        var balances = pool.Rent(Math.Max(portfolio.Length, 1));
        var frequencies = pool.Rent(Math.Max(portfolio.Length, 1));
        try
        {
            // One pass: the features array is large and reading it, not the arithmetic, is the cost.
            var balanceCount = 0;
            var frequencyCount = 0;
            foreach (ref readonly var f in portfolio)
            {
                if (f.Excluded)
                {
                    continue;
                }

                var collectible = Collectible(in f);
                if (collectible > 0d)
                {
                    balances[balanceCount++] = collectible;
                }

                if (f.OrderFrequency > 0d)
                {
                    frequencies[frequencyCount++] = f.OrderFrequency;
                }
            }

            return new PortfolioScale(PercentileOf(balances.AsSpan(0, balanceCount)), PercentileOf(frequencies.AsSpan(0, frequencyCount)));
        }
        finally
        {
            pool.Return(balances);
            pool.Return(frequencies);
        }
    }

    /// <summary>Overdue balance that a collector can actually ask for: disputed amounts are someone else's job.</summary>
    internal static double Collectible(in CustomerFeatures f) => (double)(f.OverdueBalance - f.DisputedBalance);

    /// <summary>The nearest-rank 99th percentile; reorders <paramref name="values"/>, which must not hold NaN.</summary>
    internal static double PercentileOf(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return 0d;
        }

        var index = (int)Math.Ceiling(Percentile * values.Length) - 1;
        return Select(values, Math.Clamp(index, 0, values.Length - 1));
    }

    /// <summary>
    /// The k-th smallest value (0-based) by quickselect with a median-of-three pivot: O(n) on any real
    /// portfolio, where a full sort of 100k balances costs several times as much.
    /// </summary>
    private static double Select(Span<double> values, int k)
    {
        var lo = 0;
        var hi = values.Length - 1;
        while (lo < hi)
        {
            var pivot = MedianOfThree(values[lo], values[lo + ((hi - lo) / 2)], values[hi]);
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[lo..j] <= pivot <= values[i..hi], and everything strictly between equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
