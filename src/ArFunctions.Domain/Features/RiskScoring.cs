using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Features;

/// <summary>The derived <see cref="CustomerFeatures.RiskScore"/>: 0 (safe) to 100 (risky).</summary>
public static class RiskScoring
{
    /// <summary>Lateness at or beyond this many days (amount-weighted) counts as fully risky.</summary>
    public const double LatenessCapDays = 30;

    /// <summary>Broken promises at or beyond this count as fully risky.</summary>
    public const int BrokenPromisesCap = 3;

    /// <summary>
    /// <c>0.4 × credit + 0.3 × class + 0.2 × lateness + 0.1 × promises</c>, clamped to 0..100, where each part is 0..100:
    /// credit is <c>100 − creditScore</c> (50 when the score is unknown), class is the risk class ordinal × 100 / 3
    /// (low 0, medium 33.3, high 66.7, critical 100), lateness is <c>min(avgDaysLate, 30) / 30 × 100</c> (50 when
    /// there is no payment history: unknown is neither safe nor risky, as for credit), promises is
    /// <c>min(brokenPromises, 3) / 3 × 100</c>. Credit weighs most because it is the one external, audited signal.
    /// </summary>
    public static double Score(double creditScore, RiskClass riskClass, double avgDaysLate, int brokenPromises)
    {
        var credit = double.IsNaN(creditScore) ? 50 : 100 - Math.Clamp(creditScore, 0, 100);
        var riskClassPart = (int)riskClass * 100.0 / (int)RiskClass.Critical;
        var lateness = double.IsNaN(avgDaysLate) ? 50 : Math.Clamp(avgDaysLate, 0, LatenessCapDays) / LatenessCapDays * 100;
        var promises = (double)Math.Clamp(brokenPromises, 0, BrokenPromisesCap) / BrokenPromisesCap * 100;
        var score = (0.4 * credit) + (0.3 * riskClassPart) + (0.2 * lateness) + (0.1 * promises);
        return Math.Clamp(score, 0, 100);
    }
}
