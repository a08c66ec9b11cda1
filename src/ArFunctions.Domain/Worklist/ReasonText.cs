using System.Globalization;
using ArFunctions.Domain.Features;

namespace ArFunctions.Domain.Worklist;

/// <summary>The sentence a collector reads for a reason, with the customer's own figures, in invariant culture.</summary>
internal static class ReasonText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What a missing payment history reads as: never "pays 0 days late", which would praise a customer we know nothing about.</summary>
    public const string NoPaymentHistory = "no payment history yet";

    public static string For(PriorityComponent component, in CustomerFeatures f) => component switch
    {
        PriorityComponent.OverdueBalance => Overdue(in f),
        PriorityComponent.DaysPastDue => string.Create(Invariant, $"oldest invoice {Days(f.DaysPastDueOldest)} past due"),
        PriorityComponent.Risk => string.Create(Invariant, $"risk score {Known(f.RiskScore):0} of 100"),
        PriorityComponent.PaymentHistory => double.IsNaN(f.AvgDaysLate)
            ? NoPaymentHistory
            : string.Create(Invariant, $"pays {Days(f.AvgDaysLate)} late on average; {Known(f.LatePaymentShare) * 100d:0}% of invoices paid late"),
        PriorityComponent.OrderLeverage => string.Create(Invariant, $"orders {Known(f.OrderFrequency):0.#} times a month"),
        PriorityComponent.InteractionDifficulty => double.IsNaN(f.InteractionDifficulty)
            ? "no calls in the last 90 days"
            : string.Create(Invariant, $"hard to reach: {f.InteractionDifficulty * 100d:0}% of calls unanswered"),
        PriorityComponent.LowMargin => double.IsNaN(f.MarginPct)
            ? "margin unknown"
            : string.Create(Invariant, $"low margin {f.MarginPct:0.#}%"),
        PriorityComponent.BrokenPromises => f.BrokenPromises == 1
            ? "1 broken promise"
            : string.Create(Invariant, $"{f.BrokenPromises} broken promises"),
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Not a priority component."),
    };

    private static string Overdue(in CustomerFeatures f)
    {
        var collectible = f.OverdueBalance - f.DisputedBalance;
        return f.DisputedBalance > 0m
            ? string.Create(Invariant, $"{collectible:N2} overdue net of {f.DisputedBalance:N2} disputed")
            : string.Create(Invariant, $"{collectible:N2} overdue");
    }

    private static string Days(double days)
    {
        var rounded = Math.Round(days);
        return rounded == 1d ? "1 day" : string.Create(Invariant, $"{rounded:0} days");
    }

    private static double Known(double value) => double.IsNaN(value) ? 0d : value;
}
