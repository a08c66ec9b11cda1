namespace ArFunctions.Application.Emails;

/// <summary>
/// What an email template sees, sender settings aside (the renderer adds those and formats amounts and dates in
/// <see cref="Locale"/>, a .NET culture name). <see cref="Invoices"/> are the ones this email lists;
/// <see cref="Account"/> is the customer's whole account as of <see cref="AsOf"/>, the send date.
/// </summary>
public sealed record EmailContent(
    EmailCustomer Customer,
    EmailContact Contact,
    IReadOnlyList<EmailInvoice> Invoices,
    EmailAccount Account,
    DateOnly AsOf,
    string Locale)
{
    /// <summary>The account's credits not used up, as the customer should see them next to what is open; empty when there are none.</summary>
    public IReadOnlyList<EmailCredit> Credits { get; init; } = [];

    /// <summary>The contact's personal link to the customer page; null when no portal is configured (the email then has none).</summary>
    public string? PortalUrl { get; init; }
}

public sealed record EmailCustomer(string Id, string Name);

/// <summary>The addressed contact; <see cref="Role"/> is the kebab wire name (<c>ap-clerk</c>).</summary>
public sealed record EmailContact(string Name, string Role);

/// <summary>One invoice in an email. <see cref="DaysPastDue"/> is negative before the due date.</summary>
public sealed record EmailInvoice(
    string Id,
    DateOnly IssueDate,
    DateOnly DueDate,
    decimal Amount,
    decimal OpenAmount,
    string Currency,
    int DaysPastDue,
    string? PaymentLink);

/// <summary>
/// The customer's account on the send date, over all its open invoices, not only those listed: one total per
/// currency, and how many invoices are open. The place for account-wide figures an email shows.
/// </summary>
public sealed record EmailAccount(IReadOnlyList<EmailAccountTotal> Totals, int OpenInvoiceCount);

/// <summary>
/// The account in one currency: <see cref="OpenAmount"/> over all open invoices, <see cref="OverdueAmount"/> over
/// those past their due date, and <see cref="ListedAmount"/> over the invoices this email lists.
/// </summary>
public sealed record EmailAccountTotal(string Currency, decimal OpenAmount, decimal OverdueAmount, decimal ListedAmount);

/// <summary>
/// A credit on the customer's account (credit memo, unapplied payment, overpayment) with what is still unapplied;
/// <see cref="Label"/> says what it is in the customer's words ("credit memo CM-17").
/// </summary>
public sealed record EmailCredit(string Id, string Label, string Currency, decimal Amount);

public sealed record RenderedEmail(string Subject, string Html, string PlainText);

/// <summary>
/// One email to one recipient; <see cref="ActionId"/> names it for once-only delivery (ACS Operation-Id and
/// Repeatability-Request-ID, pickup file name), <see cref="FirstAttemptAt"/> is the claim's first attempt
/// (Repeatability-First-Sent), the same on every retry.
/// </summary>
public sealed record OutgoingEmail(string ActionId, string ToAddress, string ToName, RenderedEmail Content, DateTimeOffset FirstAttemptAt)
{
    /// <summary>Files sent with the email (the statement of account, policy <c>emails.attachStatement</c>); none by default.</summary>
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>One file attached to an email: its file name, media type and bytes.</summary>
public sealed record EmailAttachment(string Name, string ContentType, byte[] Content);

/// <summary>What the service knows of an action's send: never received it, has it (queued, running or done), failed it, or could not say.</summary>
public abstract record EmailReceipt
{
    private EmailReceipt()
    {
    }

    /// <summary>The service has no such send: sending is safe.</summary>
    public sealed record NotReceived : EmailReceipt;

    /// <summary>The service has it (accepted, running or delivered): sending again would deliver twice.</summary>
    public sealed record Received(string MessageId) : EmailReceipt;

    /// <summary>The service received it and gave up (failed or cancelled).</summary>
    public sealed record Failed(string Reason) : EmailReceipt;

    /// <summary>The question went unanswered (transport or service error): try again later.</summary>
    public sealed record Unknown(string Reason) : EmailReceipt;
}

/// <summary>What became of a send: sent, throttled (try again after a delay), or failed (retryable or final).</summary>
public abstract record EmailSendResult
{
    private EmailSendResult()
    {
    }

    /// <summary>Accepted for delivery; <see cref="MessageId"/> is the ACS operation id or the pickup file path.</summary>
    public sealed record Sent(string MessageId) : EmailSendResult;

    /// <summary>The service is over its quota or busy: send again no sooner than <see cref="RetryAfter"/>.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : EmailSendResult;

    public sealed record Failed(string Reason, bool Retryable) : EmailSendResult;
}
