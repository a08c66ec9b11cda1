using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Invoices;
using ArFunctions.Email.Tests.Infrastructure;
using ArFunctions.Storage.Emails;
using ArFunctions.Storage.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace ArFunctions.Email.Tests;

/// <summary>Claim, then act: concurrent and repeated deliveries of one email action, through the real store on Azurite.</summary>
public sealed partial class SendEmailHandle
{
    private const string Succeeded = """{"id":"op","status":"Succeeded"}""";

    [Fact]
    public async Task SendsOnceGivenEightConcurrentDeliveries()
    {
        var recorder = new RecordingSender();
        await RestartAsync(null, s => s.AddSingleton<IEmailSender>(recorder));
        var message = await PlanAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Handle(message))));

        Assert.Equal(1, recorder.Sends);
        Assert.Single(results, r => r is SendEmailResult.Sent);
        Assert.All(results.Where(r => r is not SendEmailResult.Sent), r => Assert.IsType<SendEmailResult.InProgress>(r));
        await AssertSentOnceAsync(message);
    }

    [Fact]
    public async Task SendsNothingMoreGivenCrashAfterAcsAcceptedThenRedelivery()
    {
        _acs = await FakeAcsServer.StartAsync();
        _acs.OnSend(new ScriptedReply(202, """{"id":"op","status":"Running"}""", "0")).OnPoll(new ScriptedReply(200, Succeeded), new ScriptedReply(200, Succeeded));
        var crash = new CrashingRecorder();
        await RestartAsync(_acs, s => s.AddSingleton<IInteractionRecorder>(sp => crash.Over(sp.GetRequiredService<TableActionOutcomeStore>())));
        var message = await PlanAsync();

        await Assert.ThrowsAsync<IOException>(() => Handle(message));
        _time.Advance(TimeSpan.FromSeconds(30));
        var redelivered = await Handle(message);

        Assert.IsType<SendEmailResult.Sent>(redelivered);
        var requests = _acs.Requests.ToArray();
        Assert.Single(requests, r => r.Method == "POST");
        var operation = OperationIds.ForAction(message.ActionId).ToString("D");
        Assert.Equal($"/emails/operations/{operation}?api-version=2025-09-01", requests[^1].PathAndQuery);
        await AssertSentOnceAsync(message);
    }

    [Fact]
    public async Task RepeatsRepeatabilityHeadersGivenSendRetriedAfterAcsNeverReceivedIt()
    {
        _acs = await FakeAcsServer.StartAsync();
        _acs.OnSend(new ScriptedReply(500), new ScriptedReply(202, """{"id":"op","status":"Running"}""", "0"))
            .OnPoll(new ScriptedReply(404, """{"error":{"code":"NotFound","message":"no such operation"}}"""), new ScriptedReply(200, Succeeded));
        await RestartAsync(_acs);
        var message = await PlanAsync();
        var firstAttempt = _time.GetUtcNow();

        var first = await Handle(message);
        _time.Advance(TimeSpan.FromSeconds(30));
        var second = await Handle(message);

        Assert.IsType<SendEmailResult.Retry>(first);
        Assert.IsType<SendEmailResult.Sent>(second);
        var requests = _acs.Requests.ToArray();
        Assert.Equal(["POST", "GET", "POST", "GET"], requests.Select(r => r.Method));
        Assert.StartsWith($"/emails/operations/{OperationIds.ForAction(message.ActionId):D}?", requests[1].PathAndQuery, StringComparison.Ordinal);
        var sends = requests.Where(r => r.Method == "POST").ToArray();
        Assert.All(sends, r => Assert.Equal(OperationIds.RepeatabilityFor(message.ActionId).ToString("D"), r.Headers["Repeatability-Request-ID"]));
        Assert.All(sends, r => Assert.Equal(firstAttempt.ToString("R", System.Globalization.CultureInfo.InvariantCulture), r.Headers["Repeatability-First-Sent"]));
        Assert.Equal(sends[0].Headers["Operation-Id"], sends[1].Headers["Operation-Id"]);
    }

    [Fact]
    public async Task ChecksAgainAfterLeaseGivenClaimHeldByAnotherDelivery()
    {
        var recorder = new RecordingSender();
        await RestartAsync(null, s => s.AddSingleton<IEmailSender>(recorder));
        var message = await PlanAsync();
        var store = _pipeline.Get<IActionOutcomeStore>();
        var queued = (await store.GetAsync(message.Shard, message.ActionId, CancellationToken.None))!;
        Assert.True(await store.TryClaimAsync(message.Shard, queued, new ActionClaim(_time.GetUtcNow(), _time.GetUtcNow()), CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(10));

        var held = await Handle(message);

        Assert.Equal(new SendEmailResult.InProgress(ActionClaim.Lease - TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(1)), held);
        Assert.Equal(0, recorder.Sends);
        Assert.Equal(0, recorder.Checks);
        _time.Advance(ActionClaim.Lease);
        Assert.IsType<SendEmailResult.Sent>(await Handle(message));
        Assert.Equal((1, 1), (recorder.Checks, recorder.Sends));
    }

    [Fact]
    public async Task MarksSentWithoutSendingGivenLapsedClaimAndPickupFileExists()
    {
        var message = await PlanAsync();
        var store = _pipeline.Get<IActionOutcomeStore>();
        var queued = (await store.GetAsync(message.Shard, message.ActionId, CancellationToken.None))!;
        Assert.True(await store.TryClaimAsync(message.Shard, queued, new ActionClaim(_time.GetUtcNow(), _time.GetUtcNow()), CancellationToken.None));
        Directory.CreateDirectory(_outbox);
        var eml = Path.Combine(_outbox, message.ActionId + ".eml");
        await File.WriteAllTextAsync(eml, "delivered before the crash");
        _time.Advance(TimeSpan.FromSeconds(30));

        var result = await Handle(message);

        Assert.Equal(new SendEmailResult.Sent(eml), result);
        Assert.Equal("delivered before the crash", await File.ReadAllTextAsync(eml));
        Assert.Equal(ActionStatus.Sent, (await StoredAsync(message)).Status);
    }

    /// <summary>The action ended Sent with exactly one email interaction recorded for it.</summary>
    private async Task AssertSentOnceAsync(ActionMessage message)
    {
        Assert.Equal(ActionStatus.Sent, (await StoredAsync(message)).Status);
        var interactions = await ToListAsync(_pipeline.Get<InteractionStore>().StreamShardAsync(message.Shard, CancellationToken.None));
        Assert.Single(interactions, i => i.CustomerId == CustomerId && i.Kind == InteractionKind.Email);
    }

    private async Task RestartAsync(FakeAcsServer? acs, Action<IServiceCollection>? replace = null)
    {
        await _pipeline.DisposeAsync();
        await StartAsync(sendsPerMinute: 100, acs, replace);
    }

    /// <summary>Counts sends and checks; a send takes a moment, so concurrent deliveries overlap it.</summary>
    private sealed class RecordingSender : IEmailSender
    {
        private int _sends;
        private int _checks;

        public int Sends => _sends;

        public int Checks => _checks;

        public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            await Task.Delay(50, cancellationToken);
            return new EmailSendResult.Sent("recorded-" + email.ActionId);
        }

        public Task<EmailReceipt> CheckAsync(string actionId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _checks);
            return Task.FromResult<EmailReceipt>(_sends > 0 ? new EmailReceipt.Received("recorded-" + actionId) : new EmailReceipt.NotReceived());
        }
    }

    /// <summary>The process dies once, right after ACS accepted the send (recording the interaction throws).</summary>
    private sealed class CrashingRecorder
    {
        private int _crashed;

        public IInteractionRecorder Over(IInteractionRecorder inner) => new Recorder(this, inner);

        private sealed class Recorder(CrashingRecorder owner, IInteractionRecorder inner) : IInteractionRecorder
        {
            public Task RecordAsync(Interaction interaction, CancellationToken cancellationToken) =>
                Interlocked.Exchange(ref owner._crashed, 1) == 0 ? throw new IOException("the worker died after ACS accepted the send") : inner.RecordAsync(interaction, cancellationToken);
        }
    }
}
