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
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(portfolio.Length, 1));
        try
        {
            var count = 0;
            foreach (ref readonly var f in portfolio)
            {
                var collectible = Collectible(in f);
                if (!f.Excluded && collectible > 0d)
                {
                    buffer[count++] = collectible;
                }
            }

            var overdue = PercentileOf(buffer.AsSpan(0, count));
            count = 0;
            foreach (ref readonly var f in portfolio)
            {
                if (!f.Excluded && f.OrderFrequency > 0d)
                {
                    buffer[count++] = f.OrderFrequency;
                }
            }

            return new PortfolioScale(overdue, PercentileOf(buffer.AsSpan(0, count)));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Overdue balance that a collector can actually ask for: disputed amounts are someone else's job.</summary>
    internal static double Collectible(in CustomerFeatures f) => (double)(f.OverdueBalance - f.DisputedBalance);

    private static double PercentileOf(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return 0d;
        }

        // Sorting once per portfolio (100k doubles, a few ms) is simpler than a selection and is not on the per-customer path.
        values.Sort();
        var index = (int)Math.Ceiling(Percentile * values.Length) - 1;
        return values[Math.Clamp(index, 0, values.Length - 1)];
    }
}
