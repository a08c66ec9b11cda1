namespace ArFunctions.Application.Ports;

/// <summary>
/// The one order of <see cref="ActionStatus"/>: Planned &lt; Queued &lt; Sending | Creating &lt; Sent | Failed | Skipped.
/// Every writer of an action's status asks <see cref="MayMove"/> against the status it read and writes under that
/// read's ETag, so a late writer (the shard writer's "queued" after a handler's "sent") can never move it back.
/// </summary>
public static class ActionStatusOrder
{
    /// <summary>0 planned, 1 queued, 2 claimed by a handler, 3 final.</summary>
    public static int Rank(ActionStatus status) => status switch
    {
        ActionStatus.Planned => 0,
        ActionStatus.Queued => 1,
        ActionStatus.Sending or ActionStatus.Creating => 2,
        ActionStatus.Sent or ActionStatus.Failed or ActionStatus.Skipped => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown action status."),
    };

    /// <summary>Whether the action is finished: nothing moves it again.</summary>
    public static bool IsFinal(ActionStatus status) => Rank(status) == 3;

    /// <summary>
    /// Whether a writer may set <paramref name="to"/> on an action stored as <paramref name="from"/>: forward, or the
    /// same unfinished status again (a resumed run re-queueing, a handler renewing its claim). A final status is never
    /// rewritten, and one claim never turns into the other kind.
    /// </summary>
    public static bool MayMove(ActionStatus from, ActionStatus to) =>
        from == to ? !IsFinal(from) : Rank(to) > Rank(from);
}
