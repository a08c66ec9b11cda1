namespace ArFunctions.Domain.Segmentation;

/// <summary>
/// The outcome of one daily segment evaluation for one customer. A value type (with its <see cref="SegmentState"/>
/// inline), so that deciding a customer allocates nothing for its segment but the triggers of a move.
/// </summary>
/// <param name="SegmentId">The effective segment: the one whose strategy applies.</param>
/// <param name="QualifiedSegmentId">The segment the rules pick today; differs from <paramref name="SegmentId"/> while hysteresis holds a move back.</param>
/// <param name="MatchedRule">The qualified segment's condition as text, or <c>default</c>.</param>
/// <param name="Moved">True when the effective segment changed today. False for a first assignment.</param>
/// <param name="PreviousSegmentId">The effective segment before today; null for a first assignment.</param>
/// <param name="Triggers">On a move or first assignment, the comparisons that explain it, with actual values; otherwise empty.</param>
/// <param name="DaysUntilMove">While a relaxing move is held back, how many more qualifying days it needs; otherwise null.</param>
/// <param name="State">What to store and pass back tomorrow.</param>
public readonly record struct SegmentAssignment(
    string SegmentId,
    string QualifiedSegmentId,
    string MatchedRule,
    bool Moved,
    string? PreviousSegmentId,
    IReadOnlyList<string> Triggers,
    int? DaysUntilMove,
    SegmentState State);
