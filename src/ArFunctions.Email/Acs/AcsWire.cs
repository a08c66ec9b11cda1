using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArFunctions.Email.Acs;

/// <summary>One email for ACS: sender, recipients, content and reply-to, as the REST API names them.</summary>
public sealed record EmailMessage(
    string SenderAddress,
    EmailMessageRecipients Recipients,
    EmailMessageContent Content,
    IReadOnlyList<EmailMessageAddress>? ReplyTo = null,
    bool UserEngagementTrackingDisabled = true)
{
    /// <summary>Files sent with the email; null (left out of the request) when there are none.</summary>
    public IReadOnlyList<EmailMessageAttachment>? Attachments { get; init; }
}

/// <summary>
/// One attachment as the REST API takes it: file name, media type, and the bytes in base64. ACS refuses a message over
/// its size limit (10 MB by default, counted after base64 encoding, attachments included).
/// </summary>
public sealed record EmailMessageAttachment(string Name, string ContentType, string ContentInBase64);

public sealed record EmailMessageRecipients(IReadOnlyList<EmailMessageAddress> To);

public sealed record EmailMessageAddress(string Address, string? DisplayName = null);

public sealed record EmailMessageContent(string Subject, string PlainText, string Html);

/// <summary>The body of a send's 202 and of an operation status: <c>{ id, status, error? }</c>.</summary>
internal sealed record AcsOperationStatus(string? Id, string? Status, AcsError? Error);

internal sealed record AcsError(string? Code, string? Message);

/// <summary>ACS error replies: <c>{ "error": { "code", "message" } }</c>.</summary>
internal sealed record AcsErrorReply(AcsError? Error);

internal static class AcsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static T? TryRead<T>(BinaryData? content)
        where T : class
    {
        if (content is null || content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            return content.ToObjectFromJson<T>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
