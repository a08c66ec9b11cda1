namespace ArFunctions.Application.Emails;

/// <summary>What the mail service finally did with a sent email (ACS <c>EmailDeliveryReportReceived</c> statuses).</summary>
public enum DeliveryStatus
{
    Delivered,
    Bounced,
    Suppressed,
    Failed,
    Quarantined,
    FilteredSpam,
}

/// <summary>
/// One delivery report of a sent email: the service's message id (the ACS operation id of the send), the recipient,
/// the status, the service's details (e.g. "5.1.1 mailbox unavailable") and when the delivery was attempted.
/// </summary>
public sealed record DeliveryReport(string MessageId, string Recipient, DeliveryStatus Status, string? Details, DateTimeOffset AttemptedAt)
{
    /// <summary>The address no longer takes mail from us: the contact behind it is unusable until someone fixes it.</summary>
    public bool MarksContactUnusable => Status is DeliveryStatus.Bounced or DeliveryStatus.Suppressed;
}

/// <summary>The latest delivery report recorded on an email action (reports arrive at least once and in any order).</summary>
public sealed record ActionDelivery(DeliveryStatus Status, string? Details, DateTimeOffset AttemptedAt, string Recipient);

/// <summary>The action an email send belongs to.</summary>
public sealed record SentEmailRef(int Shard, string ActionId);

/// <summary>Delivery reports against the stored email actions.</summary>
public interface IDeliveryReportStore
{
    /// <summary>Remembers which action the service's message <paramref name="messageId"/> carried (idempotent).</summary>
    Task RememberSendAsync(string messageId, SentEmailRef action, CancellationToken cancellationToken);

    /// <summary>The action whose send the service named <paramref name="messageId"/>, or null when we sent none by that id.</summary>
    Task<SentEmailRef?> FindAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="report"/> on the action unless it already holds a report attempted at the same time or
    /// later (a duplicate or an older report). True when the action changed. Conditional on the version read, so
    /// concurrent reports keep the latest.
    /// </summary>
    Task<bool> TryRecordAsync(SentEmailRef action, DeliveryReport report, CancellationToken cancellationToken);
}
