using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// Scores a customer for the worklist: every component is brought to 0..1, multiplied by its weight from
/// <see cref="RankingWeights"/>, and the products are summed. A component whose input is missing (NaN: no payment
/// history, no calls) contributes nothing, up or down, so it is never a reason and never turns the score into NaN.
/// The components follow the "Top twenty" dimensions: balance, age, risk, payment history, order leverage,
/// how hard the account is to work, margin and broken promises.
/// </summary>
public static class PriorityScorer
{
    /// <summary>Days past due at which the age component is full.</summary>
    public const int DaysPastDueCap = 120;

    /// <summary>Average days late at which the lateness half of payment history is full.</summary>
    public const double AvgDaysLateCap = 60d;

    /// <summary>Broken promises at which that component is full.</summary>
    public const int BrokenPromisesCap = 3;

    /// <summary>
    /// The balance component spans this ratio below the reference balance: the reference scores 1,
    /// a thousandth of it about 0.1, so small and mid-sized balances stay apart.
    /// </summary>
    public const double BalanceSpread = 1000d;

    private static readonly double LogSpread = Math.Log(1d + BalanceSpread);

    public static PriorityScore Score(in CustomerFeatures f, RankingWeights w, in PortfolioScale scale)
    {
        var overdue = w.OverdueBalance * OverdueBalanceValue(in f, in scale);
        var age = w.DaysPastDue * DaysPastDueValue(in f);
        var risk = w.Risk * Unit(f.RiskScore / 100d);
        var history = w.PaymentHistory * PaymentHistoryValue(in f);
        var leverage = w.OrderLeverage * OrderLeverageValue(in f, in scale);
        var difficulty = w.InteractionDifficulty * Unit(f.InteractionDifficulty);
        var margin = w.LowMargin * Unit(1d - (f.MarginPct / 100d));
        var promises = w.BrokenPromises * ((double)Math.Clamp(f.BrokenPromises, 0, BrokenPromisesCap) / BrokenPromisesCap);
        return new PriorityScore
        {
            Score = overdue + age + risk + history + leverage + difficulty + margin + promises,
            OverdueBalance = overdue,
            DaysPastDue = age,
            Risk = risk,
            PaymentHistory = history,
            OrderLeverage = leverage,
            InteractionDifficulty = difficulty,
            LowMargin = margin,
            BrokenPromises = promises,
        };
    }

    /// <summary>
    /// The <paramref name="count"/> components with the largest absolute contributions, largest first
    /// (ties in component order); components contributing nothing are not reasons.
    /// </summary>
    public static PriorityReason[] Reasons(in CustomerFeatures f, in PriorityScore score, int count = 3)
    {
        if (count <= 0)
        {
            return [];
        }

        Span<PriorityComponent> top = stackalloc PriorityComponent[Math.Min(count, 8)];
        var found = 0;
        for (var c = PriorityComponent.OverdueBalance; c <= PriorityComponent.BrokenPromises; c++)
        {
            var magnitude = Math.Abs(score.Contribution(c));
            if (magnitude == 0d || (found == top.Length && magnitude <= Math.Abs(score.Contribution(top[found - 1]))))
            {
                continue;
            }

            // Insertion into a tiny sorted buffer; strict comparison keeps earlier components ahead on ties.
            var at = Math.Min(found, top.Length - 1);
            while (at > 0 && Math.Abs(score.Contribution(top[at - 1])) < magnitude)
            {
                top[at] = top[at - 1];
                at--;
            }

            top[at] = c;
            found = Math.Min(found + 1, top.Length);
        }

        var reasons = new PriorityReason[found];
        for (var i = 0; i < found; i++)
        {
            reasons[i] = new PriorityReason(top[i], Math.Round(score.Contribution(top[i]), 3), ReasonText.For(top[i], in f));
        }

        return reasons;
    }

    internal static double OverdueBalanceValue(in CustomerFeatures f, in PortfolioScale scale)
    {
        var collectible = PortfolioScale.Collectible(in f);
        if (!(collectible > 0d) || !(scale.CollectibleOverdue > 0d))
        {
            return 0d;
        }

        // Logarithmic so that one giant account does not flatten everyone else towards zero.
        return Math.Min(1d, Math.Log(1d + (BalanceSpread * collectible / scale.CollectibleOverdue)) / LogSpread);
    }

    internal static double DaysPastDueValue(in CustomerFeatures f) =>
        (double)Math.Clamp(f.DaysPastDueOldest, 0, DaysPastDueCap) / DaysPastDueCap;

    internal static double PaymentHistoryValue(in CustomerFeatures f) =>
        (0.5d * Unit(f.AvgDaysLate / AvgDaysLateCap)) + (0.5d * Unit(f.LatePaymentShare));

    internal static double OrderLeverageValue(in CustomerFeatures f, in PortfolioScale scale) =>
        scale.OrderFrequency > 0d ? Unit(f.OrderFrequency / scale.OrderFrequency) : 0d;

    private static double Unit(double value) => double.IsNaN(value) ? 0d : Math.Clamp(value, 0d, 1d);
}
