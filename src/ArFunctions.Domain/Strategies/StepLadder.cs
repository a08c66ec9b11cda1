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
    /// are superseded. <paramref name="steps"/> are those of <c>input.Strategy</c>, read once by the caller.
    /// </summary>
    public static bool Evaluate(InvoiceId invoice, in PlanningInput input, ReadOnlySpan<StrategyStep> steps, int offset, ref LedgerIndex ledger, Span<StepState> states)
    {
        var due = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            var isDue = steps[i].Day <= offset;
            states[i] = isDue ? StepState.Due : StepState.NotDue;
            due += isDue ? 1 : 0;
        }

        if (due == 0 || MarkRecorded(invoice, input.Strategy.Version, steps, ref ledger, states, due) == 0)
        {
            return false;
        }

        var reached = int.MinValue;
        for (var i = 0; i < steps.Length; i++)
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
    private static int MarkRecorded(
        InvoiceId invoice, string version, ReadOnlySpan<StrategyStep> steps, ref LedgerIndex ledger, Span<StepState> states, int due)
    {
        foreach (ref readonly var entry in ledger.EntriesOf(invoice))
        {
            if (!string.Equals(entry.StrategyVersion, version, StringComparison.Ordinal))
            {
                continue;
            }

            var index = IndexOf(steps, entry.StepId);
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

    private static void Decide(ReadOnlySpan<StrategyStep> steps, in PlanningInput input, int reached, Span<StepState> states)
    {
        var fireDay = 0;
        var fires = false;
        for (var i = 0; i < steps.Length; i++)
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

        for (var i = 0; i < steps.Length; i++)
        {
            if (states[i] == StepState.Due)
            {
                states[i] = fires && steps[i].Day == fireDay ? StepState.Fire : StepState.Superseded;
            }
        }
    }

    private static int IndexOf(ReadOnlySpan<StrategyStep> steps, string stepId)
    {
        // Entries the planner wrote in this process hold the policy's own id strings: find those by reference, and
        // compare characters only for ids read back from storage.
        for (var i = 0; i < steps.Length; i++)
        {
            if (ReferenceEquals(steps[i].Id, stepId))
            {
                return i;
            }
        }

        for (var i = 0; i < steps.Length; i++)
        {
            if (string.Equals(steps[i].Id, stepId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
