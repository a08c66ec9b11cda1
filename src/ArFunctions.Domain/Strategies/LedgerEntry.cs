using System.Globalization;
using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Strategies;

/// <summary>What became of a step: it produced an action, or it was deliberately passed over.</summary>
public enum LedgerOutcome
{
    Fired,
    Skipped,
}

/// <summary>Why a step was recorded <see cref="LedgerOutcome.Skipped"/>. Wire values, kebab-case.</summary>
public static class SkipReason
{
    /// <summary>The step's <c>when</c> condition was false on the day it became due; it is never considered again.</summary>
    public const string ConditionNotMet = "condition-not-met";

    /// <summary>A later step of the same invoice fired (or had already fired) instead: catch-up does not burst.</summary>
    public const string Superseded = "superseded";

    /// <summary>The customer had no contact usable for the step's channel; an internal task was raised instead.</summary>
    public const string NoContact = "no-contact";

    /// <summary>
    /// Already in the past on a baseline day (the customer's first run, or a date the policy marks): the ladder starts
    /// at the current step instead of acting as if the earlier ones had been sent.
    /// </summary>
    public const string Baseline = "baseline";
}

/// <summary>
/// The identity of one step execution: (invoice, strategy version, step). The ledger holds at most one entry per
/// key, written with a conditional insert under <see cref="RowKey"/>, so a retried or replayed day never fires twice.
/// </summary>
public readonly record struct StepRef(InvoiceId InvoiceId, string StrategyVersion, string StepId)
{
    /// <summary><c>invoiceId|strategyVersion|stepId</c>: the Table Storage RowKey of the ledger entry ('/' is not allowed in keys).</summary>
    public string RowKey => string.Join(EntityKey.Separator, InvoiceId.Value, StrategyVersion, StepId);

    public override string ToString() => RowKey;
}

/// <summary>
/// One recorded step execution. The key is <see cref="Step"/>: a new strategy version starts a fresh ladder.
/// Broken-promise escalations are recorded with <see cref="PromiseVersion"/> in place of the strategy version and
/// <see cref="BrokenPromiseStepId"/> as the step, so each broken promise escalates once whatever the segment does.
/// </summary>
public readonly record struct LedgerEntry(
    InvoiceId InvoiceId,
    string StrategyId,
    string StrategyVersion,
    string StepId,
    LedgerOutcome Outcome,
    string? Reason,
    DateOnly On)
{
    /// <summary>The strategy version of broken-promise entries: they belong to no ladder.</summary>
    public const string PromiseVersion = "promise";

    private const string BrokenPromisePrefix = "broken-promise-";

    public StepRef Step => new(InvoiceId, StrategyVersion, StepId);

    public string RowKey => Step.RowKey;

    /// <summary><c>broken-promise-yyyyMMdd</c>, after the promised date.</summary>
    public static string BrokenPromiseStepId(DateOnly promiseDate) =>
        BrokenPromisePrefix + promiseDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="stepId"/> names a broken promise's escalation rather than a ladder step.</summary>
    public static bool IsBrokenPromiseStep(string stepId) => stepId.StartsWith(BrokenPromisePrefix, StringComparison.Ordinal);

    /// <summary>True when this entry records the escalation of the promise made for <paramref name="promiseDate"/>.</summary>
    public bool IsBrokenPromise(InvoiceId invoiceId, DateOnly promiseDate)
    {
        if (StepId is not { Length: 23 } || !StepId.StartsWith(BrokenPromisePrefix, StringComparison.Ordinal)
            || InvoiceId != invoiceId || !string.Equals(StrategyVersion, PromiseVersion, StringComparison.Ordinal))
        {
            return false;
        }

        // Compare the digits in place: this runs daily for every invoice with an old broken promise.
        var date = promiseDate.Year * 10000 + promiseDate.Month * 100 + promiseDate.Day;
        for (var i = 22; i >= 15; i--)
        {
            if (StepId[i] != (char)('0' + date % 10))
            {
                return false;
            }

            date /= 10;
        }

        return true;
    }
}
