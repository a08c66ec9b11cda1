using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Segmentation;

/// <summary>
/// Explains a move with the comparisons behind it: those of the entered segment's rule that argue for it, then
/// those of the left segment's rule that argue against it. A comparison under an odd number of <c>not</c>s argues
/// for its rule when it fails, so it is listed when it fails ("no longer holds") for the entered segment and when it
/// holds ("now holds") for the left one.
/// </summary>
internal static class SegmentTriggers
{
    public static IReadOnlyList<string> Explain(in CustomerFeatures features, SegmentDefinition? entered, SegmentDefinition? left)
    {
        var triggers = new List<string>();
        if (entered?.When is { } enteredRule)
        {
            Collect(features, enteredRule, negated: false, argueFor: true, entered.Id, triggers);
        }

        if (left?.When is { } leftRule)
        {
            Collect(features, leftRule, negated: false, argueFor: false, left.Id, triggers);
        }

        return triggers;
    }

    private static void Collect(in CustomerFeatures features, Condition condition, bool negated, bool argueFor, string segmentId, List<string> into)
    {
        switch (condition)
        {
            case Comparison comparison:
                var holds = comparison.IsSatisfiedBy(features);
                if ((holds != negated) == argueFor)
                {
                    into.Add(comparison.Explain(features) + (holds ? " now holds" : " no longer holds") + " (rule of " + segmentId + ")");
                }

                break;
            case AllCondition all:
                foreach (var part in all.Parts)
                {
                    Collect(features, part, negated, argueFor, segmentId, into);
                }

                break;
            case AnyCondition any:
                foreach (var part in any.Parts)
                {
                    Collect(features, part, negated, argueFor, segmentId, into);
                }

                break;
            case NotCondition not:
                Collect(features, not.Inner, !negated, argueFor, segmentId, into);
                break;
            default:
                var comparisons = new List<Comparison>();
                condition.CollectComparisons(comparisons);
                foreach (var inner in comparisons)
                {
                    Collect(features, inner, negated, argueFor, segmentId, into);
                }

                break;
        }
    }
}
