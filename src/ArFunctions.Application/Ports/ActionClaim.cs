namespace ArFunctions.Application.Ports;

/// <summary>
/// A handler's hold on an action (status Sending or Creating): when the current holder took it, and when the first
/// attempt was made (kept across take-overs, so ACS sees one Repeatability-First-Sent for every retry of one send).
/// </summary>
public sealed record ActionClaim(DateTimeOffset ClaimedAt, DateTimeOffset FirstAttemptAt)
{
    /// <summary>
    /// How long a claim holds off other deliveries. Longer than one send can take (the email options bound a send,
    /// its retries and its status poll below it) and shorter than the queue's retry delay (host.json
    /// <c>visibilityTimeout</c>, 30 s), so a redelivery after a failure finds the claim lapsed and may take it over.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(25);

    /// <summary>Whether the holder may still be at work at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => now < ClaimedAt + Lease;
}
