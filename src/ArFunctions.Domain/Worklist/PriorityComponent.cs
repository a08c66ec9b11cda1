namespace ArFunctions.Domain.Worklist;

/// <summary>
/// The parts of a priority score, one per <see cref="Policies.RankingWeights"/> weight.
/// Wire name: kebab-case (<c>overdue-balance</c>).
/// </summary>
public enum PriorityComponent
{
    OverdueBalance,
    DaysPastDue,
    Risk,
    PaymentHistory,
    OrderLeverage,
    InteractionDifficulty,
    LowMargin,
    BrokenPromises,
}
