namespace ArFunctions.Domain.Segmentation;

/// <summary>
/// What the segmenter remembers about a customer between daily evaluations; stored as plain fields. A value type, held
/// inside each day's <see cref="SegmentAssignment"/>, so that a day of a whole portfolio allocates no state objects.
/// </summary>
/// <param name="SegmentId">The effective segment.</param>
/// <param name="Since">The day the customer entered <paramref name="SegmentId"/>.</param>
/// <param name="PendingSegmentId">A less strict segment the customer qualifies for but is held back from; null when none.</param>
/// <param name="PendingDays">Consecutive days, up to and including <paramref name="EvaluatedOn"/>, of qualifying for <paramref name="PendingSegmentId"/>.</param>
/// <param name="EvaluatedOn">The as-of date of the evaluation that produced this state.</param>
/// <param name="PreviousSegmentId">The segment left on <paramref name="Since"/>; null when that was the first assignment.
/// Kept so that evaluating the same day again can report the same move.</param>
public readonly record struct SegmentState(
    string SegmentId,
    DateOnly Since,
    string? PendingSegmentId,
    int PendingDays,
    DateOnly EvaluatedOn,
    string? PreviousSegmentId = null);
