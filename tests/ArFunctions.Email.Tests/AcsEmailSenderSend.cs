using System.Text.Json;
using ArFunctions.Application.Emails;
using ArFunctions.Email.Acs;
using ArFunctions.Email.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Email.Tests;

/// <summary>The ACS sender's request as the fake ACS endpoint receives it.</summary>
public sealed class AcsEmailSenderSend : IAsyncLifetime
{
    private FakeAcsServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null, "ar@acme.example")]
    [InlineData("disputes@acme.example", "disputes@acme.example")]
    public async Task SendsReplyToTheArMailboxUnlessReplyToIsSet(string? replyTo, string expected)
    {
        _server.OnSend(new ScriptedReply(202, """{"id":"op-1","status":"Running"}""", "0")).OnPoll(new ScriptedReply(200, """{"id":"op-1","status":"Succeeded"}"""));
        var options = new EmailOptions { SenderAddress = "DoNotReply@acme.example", CompanyName = "Acme Supplies", ArMailbox = "ar@acme.example", ReplyTo = replyTo, MaxRetries = 0 };
        Assert.True(AcsConnectionString.TryParse(_server.ConnectionString, out var connection, out _));
        var sender = new AcsEmailSender(AcsEmailClient.WithAccessKey(connection!, options, TimeProvider.System, NullLogger<AcsEmailClient>.Instance), options);

        await sender.SendAsync(new OutgoingEmail("20261102-C1-email", "ap@customer.example", "Ann", new RenderedEmail("S", "<p>H</p>", "H"), DateTimeOffset.UtcNow), CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.First(r => r.Method == "POST").Body);
        var address = Assert.Single(body.RootElement.GetProperty("replyTo").EnumerateArray());
        Assert.Equal((expected, "Acme Supplies"), (address.GetProperty("address").GetString(), address.GetProperty("displayName").GetString()));
        Assert.False(body.RootElement.TryGetProperty("attachments", out _));
    }

    [Fact]
    public async Task SendsEachAttachmentAsNameContentTypeAndBase64GivenAnEmailWithAStatement()
    {
        _server.OnSend(new ScriptedReply(202, """{"id":"op-1","status":"Running"}""", "0")).OnPoll(new ScriptedReply(200, """{"id":"op-1","status":"Succeeded"}"""));
        var options = new EmailOptions { SenderAddress = "DoNotReply@acme.example", CompanyName = "Acme Supplies", ArMailbox = "ar@acme.example", MaxRetries = 0 };
        Assert.True(AcsConnectionString.TryParse(_server.ConnectionString, out var connection, out _));
        var sender = new AcsEmailSender(AcsEmailClient.WithAccessKey(connection!, options, TimeProvider.System, NullLogger<AcsEmailClient>.Instance), options);
        var pdf = "%PDF-1.7 statement"u8.ToArray();
        var email = new OutgoingEmail("20261102-C1-email", "ap@customer.example", "Ann", new RenderedEmail("S", "<p>H</p>", "H"), DateTimeOffset.UtcNow)
        {
            Attachments = [new EmailAttachment("statement-C1-2026-11-02.pdf", "application/pdf", pdf)],
        };

        await sender.SendAsync(email, CancellationToken.None);

        using var body = JsonDocument.Parse(_server.Requests.First(r => r.Method == "POST").Body);
        var attachment = Assert.Single(body.RootElement.GetProperty("attachments").EnumerateArray());
        Assert.Equal(
            ("statement-C1-2026-11-02.pdf", "application/pdf", Convert.ToBase64String(pdf)),
            (attachment.GetProperty("name").GetString(), attachment.GetProperty("contentType").GetString(), attachment.GetProperty("contentInBase64").GetString()));
    }
}
