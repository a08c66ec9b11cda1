using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.DailyRuns;

namespace ArFunctions.FunctionApp.Tests.Functions;

/// <summary>The RecordDeliveryReport queue function, invoked in the built worker the way the host invokes it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeliveryReportFunctionsInvoke(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private static readonly string Lead = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");

    [Fact]
    public async Task RecordsBounceOnTheSentEmailGivenEventAsEventGridWritesIt()
    {
        var (messageId, email) = await SentEmailAsync();

        var result = await App.Host.InvokeQueueAsync("RecordDeliveryReport", Event(messageId, "Bounced", "2026-11-02T09:05:00Z"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Single(await App.LogsAsync("(Bounced): Recorded"));
        var action = await StoredAsync(email);
        Assert.Equal(new ActionDelivery(DeliveryStatus.Bounced, "5.1.1 mailbox unavailable", new DateTimeOffset(2026, 11, 2, 9, 5, 0, TimeSpan.Zero), "ann@customer.example"), action.Delivery);
        var lead = App.SignedIn(Lead);
        var detail = await (await lead.GetAsync($"/api/customers/{action.CustomerId.Value}")).ReadJsonAsync();
        var shown = Assert.Single(detail.GetProperty("actions").EnumerateArray(), a => a.GetProperty("actionId").GetString() == email.ActionId);
        Assert.Equal(("bounced", "5.1.1 mailbox unavailable"), (shown.GetProperty("delivery").GetProperty("status").GetString(), shown.GetProperty("delivery").GetProperty("details").GetString()));
        var decisions = await (await lead.GetAsync($"/api/customers/{action.CustomerId.Value}/decisions")).ReadJsonAsync();
        var explanation = decisions.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("explanation").EnumerateArray()).Select(l => l.GetString()!);
        Assert.Contains(explanation, line => line.EndsWith(": sent, bounced: 5.1.1 mailbox unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangesNothingTwiceGivenDuplicateAndOlderReports()
    {
        var (messageId, email) = await SentEmailAsync();
        await App.Host.InvokeQueueAsync("RecordDeliveryReport", Event(messageId, "Bounced", "2026-11-02T09:05:00Z"));
        var recorded = await StoredAsync(email);

        var duplicate = await App.Host.InvokeQueueAsync("RecordDeliveryReport", Event(messageId, "Bounced", "2026-11-02T09:05:00Z"), dequeueCount: 2);
        var older = await App.Host.InvokeQueueAsync("RecordDeliveryReport", Event(messageId, "Delivered", "2026-11-02T09:01:00Z"));

        Assert.True(duplicate.Succeeded && older.Succeeded, duplicate.Error ?? older.Error);
        Assert.Equal(2, (await App.LogsAsync(": Unchanged", 2)).Count);
        Assert.Equal(recorded.ETag, (await StoredAsync(email)).ETag);
    }

    [Fact]
    public async Task MovesEveryMalformedMessageToThePoisonQueueAtOnceChangingNothing()
    {
        var (messageId, email) = await SentEmailAsync();
        var before = await StoredAsync(email);
        string[] malformed =
        [
            "not json", "[]", """{"eventType":"Microsoft.Storage.BlobCreated","data":{}}""",
            Event(messageId, "Expanded", "2026-11-02T09:05:00Z"), Event(messageId, "Bounced", "yesterday"),
            Event(messageId, "Bounced", "2026-11-02T09:05:00Z").Replace("\"recipient\"", "\"to\"", StringComparison.Ordinal),
        ];

        foreach (var text in malformed)
        {
            var result = await App.Host.InvokeQueueAsync("RecordDeliveryReport", text);

            Assert.True(result.Succeeded, $"{text}: {result.Error}");
        }

        Assert.Equal(malformed.Length, (await App.LogsAsync(App.QueuePrefix + "delivery-reports-poison", malformed.Length)).Count);
        var poisoned = (await App.Queue(QueueNames.DeliveryReports + QueueNames.PoisonSuffix).ReceiveMessagesAsync(32)).Value;
        Assert.Equal(malformed, poisoned.Select(m => m.Body.ToString()));
        Assert.Equal(before.ETag, (await StoredAsync(email)).ETag);
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    /// <summary>Runs the sample day and sends its emails: the service's message id of one send and the action it names.</summary>
    private async Task<(string MessageId, SentEmailRef Email)> SentEmailAsync()
    {
        await App.SeedAsync();
        await App.RunDayAsync();
        await App.DeliverEachAsync(QueueNames.Emails, "SendEmail", deliveries: 1);
        var messageId = Path.GetFullPath(Directory.GetFiles(App.Outbox, "*.eml").Order(StringComparer.Ordinal).First());
        var email = await App.Get<IDeliveryReportStore>().FindAsync(messageId, CancellationToken.None);
        return (messageId, Assert.IsType<SentEmailRef>(email));
    }

    private async Task<StoredAction> StoredAsync(SentEmailRef email) =>
        (await App.Get<TableShardStore>().GetActionAsync(email.Shard, email.ActionId, CancellationToken.None))!;

    /// <summary>An EmailDeliveryReportReceived event in the Event Grid schema, as the subscription writes it to the queue.</summary>
    private static string Event(string messageId, string status, string attemptedAt) => $$"""
        {"id":"{{Guid.NewGuid()}}","topic":"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs-test",
         "subject":"sender/DoNotReply@acme.example/message/{{messageId}}",
         "data":{"sender":"DoNotReply@acme.example","recipient":"ann@customer.example","messageId":{{System.Text.Json.JsonSerializer.Serialize(messageId)}},
                 "status":"{{status}}","deliveryStatusDetails":{"statusMessage":"5.1.1 mailbox unavailable"},"deliveryAttemptTimeStamp":"{{attemptedAt}}"},
         "eventType":"Microsoft.Communication.EmailDeliveryReportReceived","dataVersion":"1.0","metadataVersion":"1","eventTime":"{{attemptedAt}}"}
        """;
}
