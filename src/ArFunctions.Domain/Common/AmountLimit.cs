using System.Globalization;

namespace ArFunctions.Domain.Common;

/// <summary>
/// The one limit on every amount of money that enters from outside (intake, CSV import, webhooks, task outcomes):
/// far above any real invoice, and far enough below <see cref="decimal.MaxValue"/> that a portfolio's sums, aging
/// buckets and currency conversions cannot overflow. An amount above it is an input error, never a stored value.
/// </summary>
public static class AmountLimit
{
    /// <summary>The largest amount accepted, in major units (10^12).</summary>
    public const decimal Max = 1_000_000_000_000m;

    /// <summary><see cref="Max"/> in minor units of a two-decimal currency (10^14), for processors that send cents.</summary>
    public const long MaxMinorUnits = 100_000_000_000_000;

    /// <summary>The reason an amount over the limit is refused, for an error that names its field.</summary>
    public static string TooLarge(decimal amount) =>
        $"{amount.ToString(CultureInfo.InvariantCulture)} is more than the largest amount accepted ({Max.ToString(CultureInfo.InvariantCulture)})";
}
