using ArFunctions.Application.Emails;

namespace ArFunctions.Email.Tests;

/// <summary>Delivery reports (RecordDeliveryReport) against the email actions SendEmail sent, through the real store on Azurite.</summary>
public sealed partial class SendEmailHandle
{
    private static readonly DateTimeOffset FirstAttempt = new(2026, 11, 2, 9, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Bounced)]
    [InlineData(DeliveryStatus.Suppressed)]
    [InlineData(DeliveryStatus.Failed)]
    [InlineData(DeliveryStatus.Quarantined)]
    [InlineData(DeliveryStatus.FilteredSpam)]
    public async Task RecordsStatusOnActionGivenReportOfSentEmail(DeliveryStatus status)
    {
        var (message, messageId) = await SentAsync();

        var outcome = await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, status, "5.1.1 mailbox unavailable", FirstAttempt));

        Assert.Equal(DeliveryReportOutcome.Recorded, outcome);
        var action = await StoredAsync(message);
        Assert.Equal(new ActionDelivery(status, "5.1.1 mailbox unavailable", FirstAttempt, Clerk.Email!), action.Delivery);
        Assert.Equal(Application.Ports.ActionStatus.Sent, action.Status);
    }

    [Fact]
    public async Task ChangesNothingGivenDuplicateReport()
    {
        var (message, messageId) = await SentAsync();
        var report = new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Delivered, null, FirstAttempt);
        await ReportAsync(report);
        var before = await StoredAsync(message);

        var outcome = await ReportAsync(report);

        Assert.Equal(DeliveryReportOutcome.Unchanged, outcome);
        Assert.Equal(before.ETag, (await StoredAsync(message)).ETag);
    }

    [Fact]
    public async Task KeepsLatestAttemptGivenOlderReportArrivingLater()
    {
        var (message, messageId) = await SentAsync();
        var latest = new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Bounced, "5.1.1 mailbox unavailable", FirstAttempt.AddMinutes(10));
        await ReportAsync(latest);

        var outcome = await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Delivered, null, FirstAttempt));

        Assert.Equal(DeliveryReportOutcome.Unchanged, outcome);
        Assert.Equal(DeliveryStatus.Bounced, (await StoredAsync(message)).Delivery?.Status);
    }

    [Fact]
    public async Task ChangesNothingGivenReportOfMessageWeNeverSent()
    {
        var (message, _) = await SentAsync();

        var outcome = await ReportAsync(new DeliveryReport("00000000-0000-8000-8000-000000000000", Clerk.Email!, DeliveryStatus.Bounced, null, FirstAttempt));

        Assert.Equal(DeliveryReportOutcome.UnknownMessage, outcome);
        Assert.Null((await StoredAsync(message)).Delivery);
    }

    /// <summary>A planned email, sent: its message and the id the sender gave the send (what reports name).</summary>
    private async Task<(Application.DailyRuns.ActionMessage Message, string MessageId)> SentAsync()
    {
        var message = await PlanAsync();
        var sent = Assert.IsType<SendEmailResult.Sent>(await Handle(message));
        return (message, sent.MessageId);
    }

    private Task<DeliveryReportOutcome> ReportAsync(DeliveryReport report) =>
        _pipeline.Get<RecordDeliveryReport>().HandleAsync(report, CancellationToken.None);
}
