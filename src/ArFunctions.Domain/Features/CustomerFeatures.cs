using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Features;

/// <summary>
/// What is known about one customer as of one date. Amounts are in the policy's base currency.
/// A value type so that a whole portfolio can be held in one array without per-customer allocations.
/// </summary>
public readonly record struct CustomerFeatures
{
    public CustomerId CustomerId { get; init; }

    public DateOnly AsOf { get; init; }

    public decimal OpenBalance { get; init; }

    public decimal OverdueBalance { get; init; }

    public int DaysPastDueOldest { get; init; }

    public decimal AgingCurrent { get; init; }

    public decimal Aging1To30 { get; init; }

    public decimal Aging31To60 { get; init; }

    public decimal Aging61To90 { get; init; }

    public decimal Aging90Plus { get; init; }

    /// <summary>NaN (missing) when nothing was paid in the last 12 months.</summary>
    public double AvgDaysToPay { get; init; }

    /// <summary>NaN (missing) when nothing was paid in the last 12 months.</summary>
    public double AvgDaysLate { get; init; }

    /// <summary>NaN (missing) when nothing was paid in the last 12 months.</summary>
    public double LatePaymentShare { get; init; }

    /// <summary>NaN (missing) unless something was paid both in the last 90 days and in the 9 months before.</summary>
    public double Trend { get; init; }

    /// <summary>NaN when unknown.</summary>
    public double CreditScore { get; init; }

    public RiskClass RiskClass { get; init; }

    public double RiskScore { get; init; }

    public PaymentMethod PaymentMethod { get; init; }

    public InvoicingMode InvoicingMode { get; init; }

    public int TenureDays { get; init; }

    public decimal Revenue12m { get; init; }

    /// <summary>
    /// 1 is the largest open balance in the portfolio; 0 until ranked. An unranked customer reads as a missing
    /// value (NaN) in rules, so <c>balanceRank &lt;= 20</c> never matches before ranks are known.
    /// </summary>
    public int BalanceRank { get; init; }

    public double OrderFrequency { get; init; }

    public int DisputeCount { get; init; }

    public decimal DisputedBalance { get; init; }

    public int BrokenPromises { get; init; }

    /// <summary>NaN (missing) when the customer's margin is unknown.</summary>
    public double MarginPct { get; init; }

    public string Country { get; init; }

    public string Industry { get; init; }

    public string CustomerType { get; init; }

    public int OpenInvoiceCount { get; init; }

    public int CreditTermsDays { get; init; }

    /// <summary>NaN (missing) without a call in the last 90 days.</summary>
    public double InteractionDifficulty { get; init; }

    public bool Excluded { get; init; }

    /// <summary>Credits left after allocation to the open invoices (account credit), in the base currency; the balances are already net of what the invoices took.</summary>
    public decimal CreditBalance { get; init; }

    /// <summary>The value of a <see cref="FeatureKind.Number"/> feature.</summary>
    public double GetNumber(FeatureId id) => id switch
    {
        FeatureId.OpenBalance => (double)OpenBalance,
        FeatureId.OverdueBalance => (double)OverdueBalance,
        FeatureId.DaysPastDueOldest => DaysPastDueOldest,
        FeatureId.AgingCurrent => (double)AgingCurrent,
        FeatureId.Aging1To30 => (double)Aging1To30,
        FeatureId.Aging31To60 => (double)Aging31To60,
        FeatureId.Aging61To90 => (double)Aging61To90,
        FeatureId.Aging90Plus => (double)Aging90Plus,
        FeatureId.AvgDaysToPay => AvgDaysToPay,
        FeatureId.AvgDaysLate => AvgDaysLate,
        FeatureId.LatePaymentShare => LatePaymentShare,
        FeatureId.Trend => Trend,
        FeatureId.CreditScore => CreditScore,
        FeatureId.RiskScore => RiskScore,
        FeatureId.TenureDays => TenureDays,
        FeatureId.Revenue12m => (double)Revenue12m,
        FeatureId.BalanceRank => BalanceRank == 0 ? double.NaN : BalanceRank,
        FeatureId.OrderFrequency => OrderFrequency,
        FeatureId.DisputeCount => DisputeCount,
        FeatureId.DisputedBalance => (double)DisputedBalance,
        FeatureId.BrokenPromises => BrokenPromises,
        FeatureId.MarginPct => MarginPct,
        FeatureId.OpenInvoiceCount => OpenInvoiceCount,
        FeatureId.CreditTermsDays => CreditTermsDays,
        FeatureId.InteractionDifficulty => InteractionDifficulty,
        FeatureId.CreditBalance => (double)CreditBalance,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Not a number feature."),
    };

    /// <summary>The ordinal of an <see cref="FeatureKind.Enum"/> feature.</summary>
    public int GetEnumOrdinal(FeatureId id) => id switch
    {
        FeatureId.RiskClass => (int)RiskClass,
        FeatureId.PaymentMethod => (int)PaymentMethod,
        FeatureId.InvoicingMode => (int)InvoicingMode,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Not an enum feature."),
    };

    /// <summary>The value of a <see cref="FeatureKind.Text"/> feature; never null.</summary>
    public string GetText(FeatureId id) => id switch
    {
        FeatureId.Country => Country ?? "",
        FeatureId.Industry => Industry ?? "",
        FeatureId.CustomerType => CustomerType ?? "",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Not a text feature."),
    };

    /// <summary>The value as a person reads it, for explanations.</summary>
    public string Display(FeatureId id)
    {
        var definition = FeatureCatalog.Get(id);
        return definition.Kind switch
        {
            FeatureKind.Number => double.IsNaN(GetNumber(id)) ? "unknown" : Math.Round(GetNumber(id), 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            FeatureKind.Enum => definition.EnumNames![GetEnumOrdinal(id)],
            _ => GetText(id),
        };
    }
}
