using System.Text.Json;
using System.Text.Json.Nodes;
using ArFunctions.Application.Contacts;
using ArFunctions.Application.Customers;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Local;
using ArFunctions.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Email.Tests;

/// <summary>
/// A bounce and an opt-out through the whole pipeline on Azurite, as the function app wires it: the daily run, SendEmail
/// (pickup), the delivery report as Event Grid writes it to the delivery-reports queue, OptOutContact, the next runs, and
/// what collectors read (the customer detail and decision log queries behind the API, the page and arfn explain).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ContactStatesThroughTheRun(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly CustomerId CustomerId = new("C-1");
    private static readonly DateOnly Day1 = new(2026, 11, 17);
    private static readonly Contact Ann = new("Ann Payable", ContactRole.ApClerk, "ann@customer.example", "+1 555 0100");
    private static readonly Contact Carl = new("Carl Control", ContactRole.Controller, "carl@customer.example", null);

    private readonly string _outbox = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("outbox"));
    private readonly string _policy = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("policy") + ".json");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Day1.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
    private LocalPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_policy, EmailLadderPolicy());
        _pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 4, _policy, AzuriteFixture.UniqueName("t"), services =>
        {
            services.AddArFunctionsEmail();
            services.PostConfigure<EmailOptions>(o =>
            {
                o.PickupFolder = _outbox;
                o.SenderAddress = "DoNotReply@acme.example";
                o.CompanyName = "Acme Supplies";
                o.ArMailbox = "ar@acme.example";
            });
            services.AddSingleton<TimeProvider>(_clock);
        }, AzuriteFixture.UniqueName("q") + "-");
        var customer = new Customer
        {
            Id = CustomerId, Name = "Customer One", Country = "US", CreditScore = 90, RiskClass = RiskClass.Low, CustomerSince = new DateOnly(2020, 1, 1),
            AssignedCollector = "dave", Contacts = [Ann, Carl],
        };
        var invoice = new Invoice
        {
            Id = new InvoiceId("INV-1"), CustomerId = CustomerId, IssueDate = Day1.AddDays(-31), DueDate = Day1.AddDays(-1),
            Amount = 1_000m, OpenAmount = 1_000m, Currency = new CurrencyCode("USD"),
        };
        await _pipeline.SeedAsync([customer], [invoice], [], [], CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        File.Delete(_policy);
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task EmailsNextContactAndRaisesOneFixTaskGivenBounceThenCallsGivenOptOut()
    {
        var first = Assert.Single(await RunDayAsync(Day1));
        Assert.Equal(Ann.Email, first.To);

        // Event Grid delivers at least once: the same report twice.
        await ReportAsync(first.MessageId, Ann.Email!, "Bounced", Day1.ToDateTime(new TimeOnly(6, 5)));
        await ReportAsync(first.MessageId, Ann.Email!, "Bounced", Day1.ToDateTime(new TimeOnly(6, 5)));

        var second = Assert.Single(await RunDayAsync(Day1.AddDays(1)));
        Assert.Equal(Carl.Email, second.To);
        var fix = Assert.Single((await TasksAsync()).Open);
        Assert.Equal((TaskKind.FixContact, "dave", "Ann Payable"), (fix.Kind, fix.Assignee, fix.Contact?.Name));
        Assert.Contains(
            "email (d2-email, template firm) for INV-1 to controller (rerouted: Ann Payable (ap-clerk): email bounced on 2026-11-17; the email went to Carl Control (controller)): sent",
            await ExplainAsync(Day1.AddDays(1)));
        var contacts = (await DetailAsync()).Customer.Contacts;
        Assert.Equal(("bounced", fix.TaskId), (contacts[0].EmailState?.Unusable, contacts[0].EmailState?.FixTaskId));
        Assert.Null(contacts[1].EmailState);

        _clock.SetUtcNow(new DateTimeOffset(Day1.AddDays(1).ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero));
        var optOut = await _pipeline.Get<OptOutContact>().HandleAsync(new OptOutRequest(CustomerId, contacts[1].Key!, "portal"), CancellationToken.None);
        Assert.Equal(OptOutOutcome.OptedOut, optOut.Outcome);

        Assert.Empty(await RunDayAsync(Day1.AddDays(2)));
        var call = Assert.Single((await TasksAsync()).Open, t => t.Kind == TaskKind.Call);
        Assert.Equal(["d3-email"], call.Steps);
        Assert.Contains(
            "call (d3-email) for INV-1 to ap-clerk (rerouted: Ann Payable (ap-clerk): email bounced on 2026-11-17; Carl Control (controller): opted out of email on 2026-11-18; no other contact takes email; a call instead): task created",
            await ExplainAsync(Day1.AddDays(2)));
        Assert.Single((await TasksAsync()).Open, t => t.Kind == TaskKind.FixContact);
        Assert.Equal("portal", (await DetailAsync()).Customer.Contacts[1].EmailState?.OptedOutSource);
    }

    /// <summary>
    /// The sample policy with one segment whose ladder emails the AP clerk on days 1, 2 and 3 and calls on day 10, so
    /// every run of the test has an email step due.
    /// </summary>
    private static string EmailLadderPolicy()
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json")))!.AsObject();
        var segments = policy["segments"]!.AsArray();
        var standard = segments.Single(s => s!["id"]!.GetValue<string>() == "standard")!.DeepClone();
        policy["segments"] = new JsonArray(standard);
        var strategy = policy["strategies"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "standard")!.DeepClone();
        policy["strategies"] = new JsonArray(strategy);
        strategy["steps"] = JsonNode.Parse("""
            [ { "id": "d1-email", "day": 1, "action": "email", "template": "overdue", "contactRole": "ap-clerk" },
              { "id": "d2-email", "day": 2, "action": "email", "template": "firm", "contactRole": "ap-clerk" },
              { "id": "d3-email", "day": 3, "action": "email", "template": "firm", "contactRole": "ap-clerk" },
              { "id": "d10-call", "day": 10, "action": "call", "contactRole": "ap-clerk" } ]
            """);
        return policy.ToJsonString();
    }

    /// <summary>Runs the day with the clock on it, then carries out what it queued; returns the emails sent.</summary>
    private async Task<List<(string To, string MessageId)>> RunDayAsync(DateOnly day)
    {
        _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        await _pipeline.RunDayAsync(day, 2, CancellationToken.None);
        var sent = new List<(string, string)>();
        await _pipeline.DrainAsync<ActionMessage>(QueueNames.Emails, async (message, token) =>
        {
            if (await _pipeline.Get<SendEmail>().HandleAsync(message, token) is SendEmailResult.Sent result)
            {
                sent.Add((ToOf(message.ActionId), result.MessageId));
            }
        }, 1, CancellationToken.None);
        await _pipeline.DrainAsync<ActionMessage>(QueueNames.Tasks, (message, token) => _pipeline.Get<CreateCallTask>().HandleAsync(message, token), 1, CancellationToken.None);
        return sent;
    }

    /// <summary>The recipient of the .eml the pickup sender wrote for the action.</summary>
    private string ToOf(string actionId)
    {
        using var mime = MimeKit.MimeMessage.Load(Path.Combine(_outbox, actionId + ".eml"));
        return mime.To.Mailboxes.Single().Address;
    }

    /// <summary>Puts the report on the delivery-reports queue as Event Grid does and lets the app's handler take it.</summary>
    private async Task ReportAsync(string messageId, string recipient, string status, DateTime attemptedAtUtc)
    {
        var report = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["eventType"] = DeliveryReportEvent.EventType,
            ["eventTime"] = attemptedAtUtc.AddSeconds(1).ToString("O"),
            ["data"] = new JsonObject
            {
                ["sender"] = "DoNotReply@acme.example", ["recipient"] = recipient, ["messageId"] = messageId, ["status"] = status,
                ["deliveryStatusDetails"] = new JsonObject { ["statusMessage"] = "5.1.1 mailbox unavailable" },
                ["deliveryAttemptTimeStamp"] = attemptedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            },
        };
        var options = _pipeline.Get<IOptions<StorageOptions>>().Value;
        var queue = _pipeline.Get<QueueServiceClient>().GetQueueClient(options.QueueName(QueueNames.DeliveryReports));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(report.ToJsonString());
        await _pipeline.DrainAsync<JsonElement>(QueueNames.DeliveryReports, async (element, token) =>
        {
            var (parsed, error) = DeliveryReportEvent.Parse(element.GetRawText());
            Assert.Null(error);
            await _pipeline.Get<RecordDeliveryReport>().HandleAsync(parsed!, token);
        }, 1, CancellationToken.None);
    }

    private Task<CustomerTasks> TasksAsync() => _pipeline.Get<ITaskStore>().GetCustomerTasksAsync(CustomerId, CancellationToken.None);

    private async Task<CustomerDetail> DetailAsync() =>
        (await _pipeline.Get<CustomerDetailQuery>().GetAsync(CustomerId.Value, null, CancellationToken.None)).Value!;

    private async Task<IReadOnlyList<string>> ExplainAsync(DateOnly day) =>
        Assert.Single((await _pipeline.Get<CustomerDecisionsQuery>().GetAsync(CustomerId.Value, day, day, CancellationToken.None)).Value!.Days).Explanation;
}
