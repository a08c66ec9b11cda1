using System.ComponentModel.DataAnnotations;

namespace ArFunctions.Email;

/// <summary>Where emails go: Azure Communication Services, or .eml files in a folder for development.</summary>
public enum EmailMode
{
    Acs,
    Pickup,
}

/// <summary>Email settings (section <c>ArFunctions:Email</c>), validated on start by <see cref="EmailOptionsValidator"/>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "ArFunctions:Email";

    public EmailMode Mode { get; set; } = EmailMode.Pickup;

    /// <summary>ACS endpoint (<c>https://name.communication.azure.com</c>) for Entra ID auth; ignored when <see cref="ConnectionString"/> is set.</summary>
    public string? Endpoint { get; set; }

    /// <summary>ACS connection string <c>endpoint=...;accesskey=...</c> (HMAC auth), for local runs against a real resource.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The MailFrom address; Azure-managed domains send only from DoNotReply@....</summary>
    public string SenderAddress { get; set; } = "";

    public string SenderName { get; set; } = "";

    /// <summary>
    /// The AR team's mailbox: where customers send questions and remittance advice. Every email names it, and replies
    /// go there unless <see cref="ReplyTo"/> says otherwise.
    /// </summary>
    public string? ArMailbox { get; set; }

    /// <summary>Where replies go when not to <see cref="ArMailbox"/>; empty means the AR mailbox.</summary>
    public string? ReplyTo { get; set; }

    /// <summary>Where customers send payments (postal address or bank account), printed in every email; lines separated by "\n" or "|". Required in Acs mode.</summary>
    public string? RemitTo { get; set; }

    /// <summary>How to pay (accepted methods, the reference to quote), printed in every email. Required in Acs mode.</summary>
    public string? PaymentInstructions { get; set; }

    /// <summary>The company templates sign with; defaults to <see cref="SenderName"/>.</summary>
    public string? CompanyName { get; set; }

    /// <summary>Folder for .eml files in Pickup mode, absolute or relative to the working directory.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>Sends per minute and process. ACS defaults: Azure-managed domain 5/min (10/hour), custom domain 30/min (100/hour).</summary>
    [Range(1, 10_000)]
    public int SendsPerMinute { get; set; } = 5;

    /// <summary>Longest wait honoured from an operation status poll's Retry-After.</summary>
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to poll an accepted send for its final status before taking it as sent (never past <see cref="MaxSendDuration"/>).</summary>
    public TimeSpan MaxPollDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest one send may take, pipeline retries and status poll included; an unfinished POST then counts as a
    /// retryable failure (the redelivery asks ACS before sending again), an unfinished poll as sent. Must stay below
    /// the action claim's lease (<see cref="Application.Ports.ActionClaim.Lease"/>, 25 s), which stays below the
    /// queue's retry delay (host.json visibilityTimeout, 30 s): no second delivery can overlap a send in progress.
    /// </summary>
    public TimeSpan MaxSendDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries of the HTTP pipeline for transient failures (5xx, timeouts), and their base delay.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public string EffectiveCompanyName => string.IsNullOrWhiteSpace(CompanyName) ? SenderName : CompanyName;

    /// <summary>The Reply-To every email carries: <see cref="ReplyTo"/>, else <see cref="ArMailbox"/>; empty when neither is set.</summary>
    public string EffectiveReplyTo => !string.IsNullOrWhiteSpace(ReplyTo) ? ReplyTo.Trim() : ArMailbox?.Trim() ?? "";

    /// <summary>Sending from a no-reply address (<c>DoNotReply@...</c>, <c>noreply@...</c>) with nowhere for replies to go.</summary>
    public bool RepliesGoNowhere =>
        EffectiveReplyTo.Length == 0
        && SenderAddress.Split('@')[0].Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal) is var local
        && (local.Equals("donotreply", StringComparison.OrdinalIgnoreCase) || local.Equals("noreply", StringComparison.OrdinalIgnoreCase));
}
