using ArFunctions.Application.Emails;
using MimeKit;

namespace ArFunctions.Email.Pickup;

/// <summary>
/// Development delivery: each email becomes <c>{actionId}.eml</c> in the pickup folder (MIME, HTML and plain text).
/// It behaves as ACS with our repeatability headers does: the file is the received operation, so a send whose file
/// exists delivers nothing more (the file is never overwritten, even by concurrent sends), and
/// <see cref="CheckAsync"/> answers received exactly when the file exists.
/// </summary>
public sealed class PickupEmailSender(EmailOptions options, TimeProvider time) : IEmailSender
{
    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var path = PathOf(email.ActionId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            return new EmailSendResult.Sent(path);
        }

        using var message = ToMime(email);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another send of the same action got there first: its file is the one delivery.
            File.Delete(temporary);
        }

        return new EmailSendResult.Sent(path);
    }

    public Task<EmailReceipt> CheckAsync(string actionId, CancellationToken cancellationToken)
    {
        var path = PathOf(actionId);
        return Task.FromResult<EmailReceipt>(File.Exists(path) ? new EmailReceipt.Received(path) : new EmailReceipt.NotReceived());
    }

    private string PathOf(string actionId) => Path.Combine(Path.GetFullPath(options.PickupFolder!), actionId + ".eml");

    private MimeMessage ToMime(OutgoingEmail email)
    {
        var message = new MimeMessage
        {
            Subject = email.Content.Subject,
            Date = time.GetUtcNow(),
            MessageId = $"{OperationIds.ForAction(email.ActionId):D}@arfunctions.local",
            Body = Body(email),
        };
        message.From.Add(new MailboxAddress(options.SenderName, string.IsNullOrWhiteSpace(options.SenderAddress) ? "donotreply@localhost" : options.SenderAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        if (options.EffectiveReplyTo.Length > 0)
        {
            message.ReplyTo.Add(new MailboxAddress(options.EffectiveCompanyName, options.EffectiveReplyTo));
        }

        message.Headers.Add("X-ArFunctions-Action", email.ActionId);
        return message;
    }

    private static MimeEntity Body(OutgoingEmail email)
    {
        var body = new BodyBuilder { HtmlBody = email.Content.Html, TextBody = email.Content.PlainText };
        foreach (var attachment in email.Attachments)
        {
            body.Attachments.Add(attachment.Name, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        return body.ToMessageBody();
    }
}
