using ArFunctions.Application.Emails;

namespace ArFunctions.Email.Acs;

/// <summary>
/// Sends through ACS from the configured sender, with Reply-To the AR mailbox (or the configured reply-to), naming each send after its action (<see cref="OperationIds"/>: the
/// Operation-Id, which the status check looks up, and the Repeatability-Request-ID).
/// </summary>
public sealed class AcsEmailSender(AcsEmailClient client, EmailOptions options) : IEmailSender
{
    public Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var message = new EmailMessage(
            options.SenderAddress,
            new EmailMessageRecipients([new EmailMessageAddress(email.ToAddress, email.ToName)]),
            new EmailMessageContent(email.Content.Subject, email.Content.PlainText, email.Content.Html),
            options.EffectiveReplyTo.Length == 0 ? null : [new EmailMessageAddress(options.EffectiveReplyTo, options.EffectiveCompanyName)])
        {
            Attachments = email.Attachments.Count == 0 ? null : email.Attachments.Select(a => new EmailMessageAttachment(a.Name, a.ContentType, Convert.ToBase64String(a.Content))).ToArray(),
        };
        return client.SendAsync(message, OperationIds.ForAction(email.ActionId).ToString("D"), OperationIds.RepeatabilityFor(email.ActionId), email.FirstAttemptAt, cancellationToken);
    }

    public Task<EmailReceipt> CheckAsync(string actionId, CancellationToken cancellationToken) =>
        client.GetOperationAsync(OperationIds.ForAction(actionId).ToString("D"), cancellationToken);
}
