namespace ArFunctions.Domain.Worklist;

/// <summary>
/// A customer's priority: <see cref="Score"/> is the sum of the weighted contributions, each being the
/// component's 0..1 value times its weight (so a contribution is negative where the weight is).
/// </summary>
public readonly record struct PriorityScore
{
    public double Score { get; init; }

    public double OverdueBalance { get; init; }

    public double DaysPastDue { get; init; }

    public double Risk { get; init; }

    public double PaymentHistory { get; init; }

    public double OrderLeverage { get; init; }

    public double InteractionDifficulty { get; init; }

    public double LowMargin { get; init; }

    public double BrokenPromises { get; init; }

    public double Contribution(PriorityComponent component) => component switch
    {
        PriorityComponent.OverdueBalance => OverdueBalance,
        PriorityComponent.DaysPastDue => DaysPastDue,
        PriorityComponent.Risk => Risk,
        PriorityComponent.PaymentHistory => PaymentHistory,
        PriorityComponent.OrderLeverage => OrderLeverage,
        PriorityComponent.InteractionDifficulty => InteractionDifficulty,
        PriorityComponent.LowMargin => LowMargin,
        PriorityComponent.BrokenPromises => BrokenPromises,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Not a priority component."),
    };
}
