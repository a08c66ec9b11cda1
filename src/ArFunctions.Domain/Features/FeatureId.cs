namespace ArFunctions.Domain.Features;

/// <summary>Every feature a segment rule, a step condition or the ranking can read. See <see cref="FeatureCatalog"/> for wire names.</summary>
public enum FeatureId
{
    OpenBalance,
    OverdueBalance,
    DaysPastDueOldest,
    AgingCurrent,
    Aging1To30,
    Aging31To60,
    Aging61To90,
    Aging90Plus,
    AvgDaysToPay,
    AvgDaysLate,
    LatePaymentShare,
    Trend,
    CreditScore,
    RiskClass,
    RiskScore,
    PaymentMethod,
    InvoicingMode,
    TenureDays,
    Revenue12m,
    BalanceRank,
    OrderFrequency,
    DisputeCount,
    DisputedBalance,
    BrokenPromises,
    MarginPct,
    Country,
    Industry,
    CustomerType,
    OpenInvoiceCount,
    CreditTermsDays,
    InteractionDifficulty,
    CreditBalance,
}

/// <summary>How a feature's value is compared.</summary>
public enum FeatureKind
{
    /// <summary>A number; all six operators apply. A missing value (NaN) satisfies no comparison.</summary>
    Number,

    /// <summary>One of a fixed set of names; <c>=</c> and <c>!=</c> apply, and ordering too where <see cref="FeatureDefinition.Ordered"/>.</summary>
    Enum,

    /// <summary>Free text compared case-insensitively; <c>=</c> and <c>!=</c> apply.</summary>
    Text,
}
