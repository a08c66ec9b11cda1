namespace ArFunctions.Application.Emails;

/// <summary>What an email template sees, sender settings aside (the renderer adds those and formats amounts and dates).</summary>
public sealed record EmailContent(
    EmailCustomer Customer,
    EmailContact Contact,
    IReadOnlyList<EmailInvoice> Invoices,
    IReadOnlyList<EmailTotal> Totals,
    DateOnly AsOf);

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

/// <summary>The open amount of an email's invoices in one currency.</summary>
public sealed record EmailTotal(string Currency, decimal OpenAmount);

public sealed record RenderedEmail(string Subject, string Html, string PlainText);

/// <summary>One email to one recipient; <see cref="ActionId"/> names it for once-only delivery (ACS Operation-Id, pickup file name).</summary>
public sealed record OutgoingEmail(string ActionId, string ToAddress, string ToName, RenderedEmail Content);

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
