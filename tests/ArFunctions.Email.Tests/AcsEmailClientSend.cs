using System.Text.Json;
using ArFunctions.Application.Emails;
using ArFunctions.Email.Acs;
using ArFunctions.Email.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Email.Tests;

public sealed class AcsEmailClientSend : IAsyncLifetime
{
    private const string Accepted = """{"id":"op-1","status":"Running"}""";
    private static readonly Guid RequestId = OperationIds.RepeatabilityFor("20261102-C1-email");
    private static readonly DateTimeOffset FirstSent = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private FakeAcsServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SendsSignedJsonAndPollsUntilSucceededGivenAccessKey()
    {
        _server.OnSend(new ScriptedReply(202, Accepted, "0"))
            .OnPoll(new ScriptedReply(200, """{"id":"op-1","status":"Running"}""", "0"), new ScriptedReply(200, """{"id":"op-1","status":"Succeeded"}"""));
        var operationId = OperationIds.ForAction("20261102-C1-email").ToString("D");

        var result = await Client().SendAsync(Message(), operationId, RequestId, FirstSent, CancellationToken.None);

        Assert.Equal(new EmailSendResult.Sent("op-1"), result);
        var requests = _server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r => Assert.Null(r.SignatureProblem));
        Assert.Equal("POST", requests[0].Method);
        Assert.Equal("/emails:send?api-version=2025-09-01", requests[0].PathAndQuery);
        Assert.Equal(operationId, requests[0].Headers["Operation-Id"]);
        Assert.Equal(RequestId.ToString("D"), requests[0].Headers["Repeatability-Request-ID"]);
        Assert.Equal("Mon, 02 Nov 2026 09:00:00 GMT", requests[0].Headers["Repeatability-First-Sent"]);
        Assert.Equal("/emails/operations/op-1?api-version=2025-09-01", requests[1].PathAndQuery);
        Assert.Equal("", requests[1].Body);
        using var body = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("DoNotReply@example.com", body.RootElement.GetProperty("senderAddress").GetString());
        Assert.Equal("ap@customer.example", body.RootElement.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("Overdue", body.RootElement.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal("<p>Hi</p>", body.RootElement.GetProperty("content").GetProperty("html").GetString());
        Assert.Equal("Hi", body.RootElement.GetProperty("content").GetProperty("plainText").GetString());
    }

    [Fact]
    public async Task ReturnsThrottledWithRetryAfterGivenTooManyRequests()
    {
        _server.OnSend(new ScriptedReply(429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", "42"));

        var result = await Client().SendAsync(Message(), Guid.NewGuid().ToString("D"), RequestId, FirstSent, CancellationToken.None);

        Assert.Equal(new EmailSendResult.Throttled(TimeSpan.FromSeconds(42)), result);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ReturnsRetryableFailureGivenServerErrorsOutlastRetries()
    {
        var result = await Client().SendAsync(Message(), Guid.NewGuid().ToString("D"), RequestId, FirstSent, CancellationToken.None);

        var failed = Assert.IsType<EmailSendResult.Failed>(result);
        Assert.True(failed.Retryable);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Null(r.SignatureProblem));
    }

    [Fact]
    public async Task SendsAfterRetryGivenOneServerError()
    {
        _server.OnSend(new ScriptedReply(500), new ScriptedReply(202, Accepted, "0")).OnPoll(new ScriptedReply(200, """{"id":"op-1","status":"Succeeded"}"""));

        var result = await Client().SendAsync(Message(), Guid.NewGuid().ToString("D"), RequestId, FirstSent, CancellationToken.None);

        Assert.Equal(new EmailSendResult.Sent("op-1"), result);
    }

    [Fact]
    public async Task ReturnsFinalFailureGivenOperationFailed()
    {
        _server.OnSend(new ScriptedReply(202, Accepted, "0"))
            .OnPoll(new ScriptedReply(200, """{"id":"op-1","status":"Failed","error":{"code":"EmailDroppedAllRecipientsSuppressed","message":"suppressed"}}"""));

        var result = await Client().SendAsync(Message(), Guid.NewGuid().ToString("D"), RequestId, FirstSent, CancellationToken.None);

        var failed = Assert.IsType<EmailSendResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("EmailDroppedAllRecipientsSuppressed", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReturnsFinalFailureGivenBadRequest()
    {
        _server.OnSend(new ScriptedReply(400, """{"error":{"code":"InvalidSender","message":"bad sender"}}"""));

        var result = await Client().SendAsync(Message(), Guid.NewGuid().ToString("D"), RequestId, FirstSent, CancellationToken.None);

        var failed = Assert.IsType<EmailSendResult.Failed>(result);
        Assert.False(failed.Retryable);
        Assert.Contains("InvalidSender", failed.Reason, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    private AcsEmailClient Client()
    {
        Assert.True(AcsConnectionString.TryParse(_server.ConnectionString, out var connection, out _));
        var options = new EmailOptions { MaxRetries = 2, RetryDelay = TimeSpan.FromMilliseconds(10), MaxPollDelay = TimeSpan.FromMilliseconds(50) };
        return AcsEmailClient.WithAccessKey(connection!, options, TimeProvider.System, NullLogger<AcsEmailClient>.Instance);
    }

    private static EmailMessage Message() => new(
        "DoNotReply@example.com",
        new EmailMessageRecipients([new EmailMessageAddress("ap@customer.example", "Ann Payable")]),
        new EmailMessageContent("Overdue", "Hi", "<p>Hi</p>"));
}
