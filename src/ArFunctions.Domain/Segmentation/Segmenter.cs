using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Segmentation;

/// <summary>
/// Assigns a customer to a segment each day, with hysteresis so that customers do not flip back and forth.
/// </summary>
/// <remarks>
/// <para>
/// Qualification: the first non-default segment of <see cref="CollectionPolicy.Segments"/> whose condition holds,
/// else <see cref="CollectionPolicy.DefaultSegment"/>.
/// </para>
/// <para>
/// Hysteresis, with N = <see cref="HysteresisSettings.DaysToRelax"/>: a move to a stricter segment
/// (higher <see cref="SegmentDefinition.Strictness"/>) is immediate. A move to a less or equally strict segment happens
/// on the Nth consecutive calendar day of qualifying for that same segment (N of 0 or 1: immediately). Qualifying for
/// anything else resets the count. A day without an evaluation breaks the streak: when <c>asOf</c> is not the day after
/// <see cref="SegmentState.EvaluatedOn"/>, the count restarts at 1, because nothing is known of the missed days; a
/// caller that catches up should evaluate each missed day in order. A previous segment missing from the policy is
/// left immediately.
/// </para>
/// <para>
/// Idempotence: the function is pure, so evaluating a day again with the state from before that day gives the same
/// result. Evaluating with a state already produced for <c>asOf</c> returns that state unchanged and reports the same
/// effective segment and move (the features are assumed unchanged; the qualified segment is recomputed).
/// A state from after <c>asOf</c> is a caller error.
/// </para>
/// </remarks>
public static class Segmenter
{
    public static SegmentAssignment Assign(in CustomerFeatures features, CollectionPolicy policy, SegmentState? previous, DateOnly asOf)
    {
        var qualified = Qualify(features, policy);
        if (previous is not { } before)
        {
            var state = new SegmentState(qualified.Id, asOf, null, 0, asOf);
            return Result(qualified, qualified.Id, moved: false, null, SegmentTriggers.Explain(features, qualified, null), null, state);
        }

        if (asOf < before.EvaluatedOn)
        {
            throw new ArgumentException($"The segment state was evaluated on {before.EvaluatedOn:yyyy-MM-dd}, after {asOf:yyyy-MM-dd}.", nameof(previous));
        }

        if (asOf == before.EvaluatedOn)
        {
            return Repeat(features, policy, qualified, before);
        }

        if (!policy.TryGetSegment(before.SegmentId, out var current))
        {
            return Move(features, qualified, before, null, asOf);
        }

        if (qualified.Id == current.Id)
        {
            var state = before with { PendingSegmentId = null, PendingDays = 0, EvaluatedOn = asOf };
            return Result(qualified, current.Id, moved: false, current.Id, [], null, state);
        }

        if (qualified.Strictness > current.Strictness)
        {
            return Move(features, qualified, before, current, asOf);
        }

        return Relax(features, policy.Hysteresis.DaysToRelax, qualified, current, before, asOf);
    }

    /// <summary>The segment the rules pick, ignoring hysteresis.</summary>
    public static SegmentDefinition Qualify(in CustomerFeatures features, CollectionPolicy policy)
    {
        var segments = policy.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (!segment.IsDefault && segment.When is { } when && when.IsSatisfiedBy(features))
            {
                return segment;
            }
        }

        return policy.DefaultSegment;
    }

    private static SegmentAssignment Relax(
        in CustomerFeatures features, int daysToRelax, SegmentDefinition qualified, SegmentDefinition current, in SegmentState previous, DateOnly asOf)
    {
        var continues = previous.PendingSegmentId == qualified.Id && asOf.DayNumber == previous.EvaluatedOn.DayNumber + 1;
        var days = continues ? previous.PendingDays + 1 : 1;
        if (days >= daysToRelax)
        {
            return Move(features, qualified, previous, current, asOf);
        }

        var state = previous with { PendingSegmentId = qualified.Id, PendingDays = days, EvaluatedOn = asOf };
        return Result(qualified, current.Id, moved: false, current.Id, [], daysToRelax - days, state);
    }

    private static SegmentAssignment Move(
        in CustomerFeatures features, SegmentDefinition target, in SegmentState previous, SegmentDefinition? left, DateOnly asOf)
    {
        var triggers = SegmentTriggers.Explain(features, target, left);
        if (left is null)
        {
            triggers = [.. triggers, "segment " + previous.SegmentId + " is no longer in the policy"];
        }

        var state = new SegmentState(target.Id, asOf, null, 0, asOf, previous.SegmentId);
        return Result(target, target.Id, moved: true, previous.SegmentId, triggers, null, state);
    }

    /// <summary>The same day again: the stored state stands, and a move made that day is reported again.</summary>
    private static SegmentAssignment Repeat(in CustomerFeatures features, CollectionPolicy policy, SegmentDefinition qualified, in SegmentState state)
    {
        policy.TryGetSegment(state.SegmentId, out var effective);
        var enteredToday = state.Since == state.EvaluatedOn;
        var moved = enteredToday && state.PreviousSegmentId is not null;
        var previousId = enteredToday ? state.PreviousSegmentId : state.SegmentId;
        IReadOnlyList<string> triggers = [];
        if (enteredToday)
        {
            SegmentDefinition? left = null;
            var leftKnown = !moved || policy.TryGetSegment(state.PreviousSegmentId!, out left);
            triggers = SegmentTriggers.Explain(features, effective, left);
            if (!leftKnown)
            {
                triggers = [.. triggers, "segment " + state.PreviousSegmentId + " is no longer in the policy"];
            }
        }

        var daysUntilMove = state.PendingSegmentId is null ? (int?)null : Math.Max(1, policy.Hysteresis.DaysToRelax - state.PendingDays);
        return Result(qualified, state.SegmentId, moved, previousId, triggers, daysUntilMove, state);
    }

    private static SegmentAssignment Result(
        SegmentDefinition qualified, string segmentId, bool moved, string? previousId, IReadOnlyList<string> triggers, int? daysUntilMove, in SegmentState state) =>
        new(segmentId, qualified.Id, qualified.When?.ToString() ?? "default", moved, previousId, triggers, daysUntilMove, state);
}
