using ArFunctions.Domain.Common;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Strategies;

/// <summary>Where one step of one invoice's ladder stands today.</summary>
internal enum StepState : byte
{
    NotDue,
    Due,

    /// <summary>In the ledger as fired or skipped for a reason that means the ladder got there.</summary>
    Reached,

    /// <summary>In the ledger as skipped because its condition was not met: it does not move the ladder.</summary>
    Inert,
    ConditionFailed,
    Fire,
    Superseded,
}

/// <summary>The catch-up rule for one invoice, without allocating: the caller provides the state span.</summary>
internal static class StepLadder
{
    /// <summary>
    /// Fills <paramref name="states"/> (one per step) and returns true when something is to be fired or recorded.
    /// Among due, unrecorded steps: a false condition is <see cref="StepState.ConditionFailed"/>; of the applicable
    /// ones, those on the highest day fire, provided no step reached in the ledger lies on a later day; the rest
    /// are superseded.
    /// </summary>
    public static bool Evaluate(InvoiceId invoice, in PlanningInput input, int offset, ref LedgerIndex ledger, Span<StepState> states)
    {
        var strategy = input.Strategy;
        var steps = strategy.Steps;
        var due = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var isDue = steps[i].Day <= offset;
            states[i] = isDue ? StepState.Due : StepState.NotDue;
            due += isDue ? 1 : 0;
        }

        if (due == 0 || MarkRecorded(invoice, strategy, ref ledger, states, due) == 0)
        {
            return false;
        }

        var reached = int.MinValue;
        for (var i = 0; i < steps.Count; i++)
        {
            if (states[i] == StepState.Reached && steps[i].Day > reached)
            {
                reached = steps[i].Day;
            }
        }

        Decide(steps, input, reached, states);
        return true;
    }

    /// <summary>Marks the steps found in the ledger and returns how many due steps are left unrecorded.</summary>
    private static int MarkRecorded(InvoiceId invoice, Strategy strategy, ref LedgerIndex ledger, Span<StepState> states, int due)
    {
        foreach (var entry in ledger.EntriesOf(invoice))
        {
            if (!string.Equals(entry.StrategyVersion, strategy.Version, StringComparison.Ordinal))
            {
                continue;
            }

            var index = IndexOf(strategy.Steps, entry.StepId);
            if (index < 0)
            {
                continue;
            }

            due -= states[index] == StepState.Due ? 1 : 0;
            var inert = entry.Outcome == LedgerOutcome.Skipped && string.Equals(entry.Reason, SkipReason.ConditionNotMet, StringComparison.Ordinal);
            states[index] = inert ? StepState.Inert : StepState.Reached;
        }

        return due;
    }

    private static void Decide(IReadOnlyList<StrategyStep> steps, in PlanningInput input, int reached, Span<StepState> states)
    {
        var fireDay = 0;
        var fires = false;
        for (var i = 0; i < steps.Count; i++)
        {
            if (states[i] != StepState.Due)
            {
                continue;
            }

            var step = steps[i];
            if (step.When is { } when && !when.IsSatisfiedBy(input.Features))
            {
                states[i] = StepState.ConditionFailed;
            }
            else if (step.Day >= reached && (!fires || step.Day > fireDay))
            {
                fireDay = step.Day;
                fires = true;
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (states[i] == StepState.Due)
            {
                states[i] = fires && steps[i].Day == fireDay ? StepState.Fire : StepState.Superseded;
            }
        }
    }

    private static int IndexOf(IReadOnlyList<StrategyStep> steps, string stepId)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (string.Equals(steps[i].Id, stepId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
