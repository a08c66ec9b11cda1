using System.Globalization;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Queries;

namespace ArFunctions.Application.Runs;

/// <summary>
/// Which dates a manual run, a dry run or a policy preview may evaluate: from <see cref="MaxDaysBack"/> days before
/// today to <see cref="MaxDaysAhead"/> after, and never a date before a run already opened (runs move every customer's
/// segment state and recent contacts forward, so an earlier date cannot be evaluated as of itself).
/// </summary>
internal static class RunDates
{
    public const int MaxDaysBack = 400;

    public const int MaxDaysAhead = 1;

    /// <summary>Why <paramref name="asOf"/> cannot be evaluated (field <c>asOf</c>), or null when it can.</summary>
    public static async Task<FieldError?> RefusalAsync(DateOnly asOf, DateOnly today, StartDailyRun starter, CancellationToken cancellationToken)
    {
        if (asOf > today.AddDays(MaxDaysAhead))
        {
            return new FieldError("asOf", $"must be on or before {Format(today.AddDays(MaxDaysAhead))} (today + {MaxDaysAhead})");
        }

        if (asOf < today.AddDays(-MaxDaysBack))
        {
            return new FieldError("asOf", $"must be on or after {Format(today.AddDays(-MaxDaysBack))} (today - {MaxDaysBack} days)");
        }

        return await starter.LaterRunAsync(asOf, cancellationToken).ConfigureAwait(false) is { } later
            ? new FieldError("asOf", StartDailyRun.Refusal(asOf, later))
            : null;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
