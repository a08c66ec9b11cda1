using ArFunctions.Application.Emails;
using ArFunctions.Email.Pickup;

namespace ArFunctions.Email.Tests;

/// <summary>The pickup folder behaves as ACS with repeatability headers: one file per action, and it answers whether it has it.</summary>
public sealed class PickupEmailSenderSend : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pickup-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task WritesOneFileGivenEightConcurrentSendsOfOneAction()
    {
        var sender = Sender();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => sender.SendAsync(Email($"version {i}"), CancellationToken.None))));

        var path = Assert.Single(Directory.GetFiles(_folder));
        Assert.All(results, r => Assert.Equal(new EmailSendResult.Sent(path), r));
    }

    [Fact]
    public async Task KeepsTheFirstFileGivenTheActionSentAgain()
    {
        var sender = Sender();
        var first = (EmailSendResult.Sent)await sender.SendAsync(Email("first"), CancellationToken.None);

        await sender.SendAsync(Email("second"), CancellationToken.None);

        Assert.Contains("first", await File.ReadAllTextAsync(first.MessageId), StringComparison.Ordinal);
        Assert.DoesNotContain("second", await File.ReadAllTextAsync(first.MessageId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersReceivedOnlyGivenTheActionsFileExists()
    {
        var sender = Sender();
        var before = await sender.CheckAsync("20261102-C-1-email", CancellationToken.None);

        var sent = (EmailSendResult.Sent)await sender.SendAsync(Email("hello"), CancellationToken.None);
        var after = await sender.CheckAsync("20261102-C-1-email", CancellationToken.None);

        Assert.IsType<EmailReceipt.NotReceived>(before);
        Assert.Equal(new EmailReceipt.Received(sent.MessageId), after);
    }

    [Fact]
    public async Task WritesTheAttachmentAsAMimePartGivenAnEmailWithAStatement()
    {
        var pdf = "%PDF-1.7 statement"u8.ToArray();
        var email = Email("hello") with { Attachments = [new EmailAttachment("statement-C-1-2026-11-02.pdf", "application/pdf", pdf)] };

        var sent = (EmailSendResult.Sent)await Sender().SendAsync(email, CancellationToken.None);

        using var message = await MimeKit.MimeMessage.LoadAsync(sent.MessageId);
        var attachment = Assert.IsType<MimeKit.MimePart>(Assert.Single(message.Attachments));
        Assert.Equal(("statement-C-1-2026-11-02.pdf", "application/pdf"), (attachment.FileName, attachment.ContentType.MimeType));
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(pdf, content.ToArray());
        Assert.Equal("hello", message.TextBody?.Trim());
    }

    private PickupEmailSender Sender() =>
        new(new EmailOptions { PickupFolder = _folder, SenderName = "Acme AR" }, TimeProvider.System);

    private static OutgoingEmail Email(string text) => new(
        "20261102-C-1-email", "ann@customer.example", "Ann", new RenderedEmail("Overdue", "<p>" + text + "</p>", text), DateTimeOffset.UnixEpoch);
}
