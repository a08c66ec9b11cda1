using ArFunctions.Application.Emails;
using MimeKit;

namespace ArFunctions.Email.Pickup;

/// <summary>
/// Development delivery: each email becomes <c>{actionId}.eml</c> in the pickup folder (MIME, HTML and plain text).
/// Named after the action, a resend overwrites the same file, as ACS's Operation-Id would deduplicate.
/// </summary>
public sealed class PickupEmailSender(EmailOptions options, TimeProvider time) : IEmailSender
{
    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.PickupFolder!);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, email.ActionId + ".eml");
        using var message = ToMime(email);
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
        return new EmailSendResult.Sent(path);
    }

    private MimeMessage ToMime(OutgoingEmail email)
    {
        var message = new MimeMessage
        {
            Subject = email.Content.Subject,
            Date = time.GetUtcNow(),
            MessageId = $"{OperationIds.ForAction(email.ActionId):D}@arfunctions.local",
            Body = new BodyBuilder { HtmlBody = email.Content.Html, TextBody = email.Content.PlainText }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(options.SenderName, string.IsNullOrWhiteSpace(options.SenderAddress) ? "donotreply@localhost" : options.SenderAddress));
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        if (!string.IsNullOrWhiteSpace(options.ReplyTo))
        {
            message.ReplyTo.Add(new MailboxAddress(options.EffectiveCompanyName, options.ReplyTo));
        }

        message.Headers.Add("X-ArFunctions-Action", email.ActionId);
        return message;
    }
}
