using ArFunctions.Application.Emails;

namespace ArFunctions.Application.Tests.Emails;

public sealed class DeliveryReportEventParse
{
    /// <summary>An ACS delivery report as Event Grid writes it to a storage queue (Event Grid schema, one event).</summary>
    public const string Bounced = """
        {
          "id": "00000000-0000-0000-0000-000000000000",
          "topic": "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Communication/communicationServices/acs-ar",
          "subject": "sender/DoNotReply@acme.example/message/4d1f2c3b-0000-8000-8000-000000000001",
          "data": {
            "sender": "DoNotReply@acme.example",
            "recipient": "ann@customer.example",
            "messageId": "4d1f2c3b-0000-8000-8000-000000000001",
            "status": "Bounced",
            "deliveryStatusDetails": { "statusMessage": "5.1.1 mailbox unavailable" },
            "deliveryAttemptTimeStamp": "2026-11-02T09:05:00.1234567Z"
          },
          "eventType": "Microsoft.Communication.EmailDeliveryReportReceived",
          "dataVersion": "1.0",
          "metadataVersion": "1",
          "eventTime": "2026-11-02T09:05:01Z"
        }
        """;

    [Fact]
    public void ReadsReportGivenEventAsEventGridWritesIt()
    {
        var (report, error) = DeliveryReportEvent.Parse(Bounced);

        Assert.Null(error);
        Assert.Equal(
            new DeliveryReport("4d1f2c3b-0000-8000-8000-000000000001", "ann@customer.example", DeliveryStatus.Bounced, "5.1.1 mailbox unavailable",
                new DateTimeOffset(2026, 11, 2, 9, 5, 0, TimeSpan.Zero).AddTicks(1234567)),
            report);
    }

    [Fact]
    public void ReadsReportWithoutDetailsGivenNoStatusDetails()
    {
        var (report, _) = DeliveryReportEvent.Parse(Bounced.Replace("""{ "statusMessage": "5.1.1 mailbox unavailable" }""", "{}", StringComparison.Ordinal));

        Assert.Null(report!.Details);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "array")]
    [InlineData("""{"eventType":"Microsoft.Communication.EmailEngagementTrackingReportReceived","data":{}}""", "eventType")]
    [InlineData("""{"eventType":"Microsoft.Communication.EmailDeliveryReportReceived"}""", "data:")]
    public void RejectsGivenNotADeliveryReport(string text, string naming)
    {
        var (report, error) = DeliveryReportEvent.Parse(text);

        Assert.Null(report);
        Assert.Contains(naming, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"messageId\": \"4d1f2c3b-0000-8000-8000-000000000001\",", "data.messageId")]
    [InlineData("\"recipient\": \"ann@customer.example\",", "data.recipient")]
    [InlineData("\"deliveryAttemptTimeStamp\": \"2026-11-02T09:05:00.1234567Z\"", "data.deliveryAttemptTimeStamp")]
    public void RejectsNamingFieldGivenFieldMissing(string field, string naming)
    {
        var text = Bounced.Replace(field, string.Empty, StringComparison.Ordinal);
        if (naming == "data.deliveryAttemptTimeStamp")
        {
            // It is the last field: the one before it loses its comma.
            text = text.Replace("unavailable\" },", "unavailable\" }", StringComparison.Ordinal);
        }

        var (report, error) = DeliveryReportEvent.Parse(text);

        Assert.Null(report);
        Assert.StartsWith(naming, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Expanded")]
    [InlineData("bounced")]
    [InlineData("1")]
    [InlineData("Delivered, Bounced")]
    public void RejectsGivenStatusNotOneWeKnow(string status)
    {
        var (report, error) = DeliveryReportEvent.Parse(Bounced.Replace("\"Bounced\"", $"\"{status}\"", StringComparison.Ordinal));

        Assert.Null(report);
        Assert.StartsWith("data.status", error, StringComparison.Ordinal);
    }
}
