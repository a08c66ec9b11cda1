using System.Text.Json;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;
using ArFunctions.Email.Acs;
using ArFunctions.Email.Tests.Infrastructure;
using ArFunctions.Local;
using ArFunctions.Storage;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Queues;
using ArFunctions.Storage.Stores;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ArFunctions.Email.Tests;

/// <summary>SendEmail wired as the function app wires it (storage, application, email in Pickup mode) on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class SendEmailHandle(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ArMailbox = "ar@acme.example";

    private static readonly DateOnly AsOf = new(2026, 11, 2);
    private static readonly CustomerId CustomerId = new("C-100");
    private static readonly Contact Clerk = new("Ann Payable", ContactRole.ApClerk, "ann@customer.example", null);

    private readonly string _outbox = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("outbox"));
    private readonly string _queuePrefix = AzuriteFixture.UniqueName("q") + "-";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private LocalPipeline _pipeline = null!;
    private FakeAcsServer? _acs;

    private Invoice[] Invoices { get; set; } =
    [
        Invoice("INV-A", 1200m),
        Invoice("INV-B", 300m),
    ];

    public Task InitializeAsync() => StartAsync(sendsPerMinute: 5, null);

    public async Task DisposeAsync()
    {
        await _pipeline.DisposeAsync();
        if (_acs is not null)
        {
            await _acs.DisposeAsync();
        }

        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [Fact]
    public async Task SendsOneEmailGivenMessageDeliveredThreeTimes()
    {
        var message = await PlanAsync();

        var results = new List<SendEmailResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await Handle(message));
        }

        Assert.IsType<SendEmailResult.Sent>(results[0]);
        Assert.Equal([new SendEmailResult.AlreadyDone(ActionStatus.Sent), new SendEmailResult.AlreadyDone(ActionStatus.Sent)], results.Skip(1));
        var eml = Assert.Single(Directory.GetFiles(_outbox, "*.eml"));
        using var mime = await MimeMessage.LoadAsync(eml);
        Assert.Equal("ann@customer.example", mime.To.Mailboxes.Single().Address);
        Assert.Contains("INV-A", mime.TextBody, StringComparison.Ordinal);
        var action = await StoredAsync(message);
        Assert.Equal(ActionStatus.Sent, action.Status);
        Assert.Equal(_time.GetUtcNow(), action.CompletedAt);
        var interactions = await ToListAsync(_pipeline.Get<InteractionStore>().StreamShardAsync(message.Shard, CancellationToken.None));
        var email = Assert.Single(interactions, i => i.CustomerId == CustomerId);
        Assert.Equal((InteractionKind.Email, InteractionOutcome.Sent), (email.Kind, email.Outcome));
    }

    [Fact]
    public async Task SkipsWithReasonGivenInvoicesPaidSincePlanning()
    {
        var message = await PlanAsync();
        await _pipeline.RecordPaidInFullAsync(Invoices, AsOf, CancellationToken.None);

        var result = await Handle(message);

        var skipped = Assert.IsType<SendEmailResult.Skipped>(result);
        Assert.Contains("INV-A paid", skipped.Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_outbox) && Directory.GetFiles(_outbox).Length > 0);
        var action = await StoredAsync(message);
        Assert.Equal((ActionStatus.Skipped, skipped.Reason), (action.Status, action.StatusReason));
        Assert.NotNull(action.CompletedAt);
    }

    [Fact]
    public async Task DropsInvoiceGivenDisputeOpenedSincePlanning()
    {
        var message = await PlanAsync();
        await _pipeline.Get<InvoiceStore>().UpsertAsync([Invoices[1] with { Dispute = new Dispute("pricing", AsOf) }], CancellationToken.None);

        var result = await Handle(message);

        Assert.IsType<SendEmailResult.Sent>(result);
        using var mime = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(_outbox, "*.eml")));
        Assert.Contains("INV-A", mime.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-B", mime.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("INV-B", mime.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipsGivenNoContactWithEmailAddress()
    {
        var message = await PlanAsync();
        await _pipeline.Get<CustomerStore>().UpsertAsync([Customer() with { Contacts = [Clerk with { Email = null, Phone = "+1 555 0100" }] }], CancellationToken.None);

        var result = await Handle(message);

        Assert.Equal(new SendEmailResult.Skipped("no contact with an email address"), result);
    }

    [Fact]
    public async Task DefersWithRetryAfterGivenAcsThrottles()
    {
        await _pipeline.DisposeAsync();
        _acs = await FakeAcsServer.StartAsync();
        _acs.OnSend(new ScriptedReply(429, """{"error":{"code":"TooManyRequests","message":"quota"}}""", "42"));
        await StartAsync(sendsPerMinute: 5, _acs);
        var message = await PlanAsync();

        var result = await Handle(message);

        Assert.Equal(new SendEmailResult.Deferred(TimeSpan.FromSeconds(42)), result);
        Assert.Equal(ActionStatus.Sending, (await StoredAsync(message)).Status);
        var queue = _pipeline.Get<QueueServiceClient>().GetQueueClient(QueueNames.Full(_queuePrefix, QueueNames.Emails));
        Assert.Empty((await queue.ReceiveMessagesAsync(1)).Value);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Null(Assert.Single(_acs.Requests).SignatureProblem);
    }

    [Fact]
    public async Task DefersGivenSendRateReached()
    {
        await _pipeline.DisposeAsync();
        await StartAsync(sendsPerMinute: 1, null);
        var first = await PlanAsync();
        var second = await PlanAsync("C-200");
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.IsType<SendEmailResult.Sent>(await Handle(first));
        _time.Advance(TimeSpan.FromSeconds(15));
        var result = await Handle(second);

        Assert.Equal(new SendEmailResult.Deferred(TimeSpan.FromSeconds(45)), result);
        var queue = _pipeline.Get<QueueServiceClient>().GetQueueClient(QueueNames.Full(_queuePrefix, QueueNames.Emails));
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task ReturnsMalformedGivenUnknownAction()
    {
        var result = await Handle(new ActionMessage("20261102-C-404-email", 0, "C-404", "email", AsOf));

        Assert.IsType<SendEmailResult.Malformed>(result);
    }

    private async Task StartAsync(int sendsPerMinute, FakeAcsServer? acs, Action<IServiceCollection>? replace = null)
    {
        _pipeline = await LocalPipeline.StartAsync(
            azurite.ConnectionString, 4, Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json"), AzuriteFixture.UniqueName("t"), services =>
            {
                services.AddArFunctionsEmail();
                services.PostConfigure<EmailOptions>(o =>
                {
                    o.PickupFolder = _outbox;
                    o.SenderAddress = "DoNotReply@acme.example";
                    o.SenderName = "Acme AR";
                    o.CompanyName = "Acme Supplies";
                    o.ArMailbox = ArMailbox;
                    o.RemitTo = "Acme Supplies Inc.|PO Box 100|Springfield, IL 62701";
                    o.PaymentInstructions = "ACH to account 123456789; quote the invoice number.";
                    o.SendsPerMinute = sendsPerMinute;
                });
                services.AddSingleton<TimeProvider>(_time);
                if (acs is not null)
                {
                    Assert.True(AcsConnectionString.TryParse(acs.ConnectionString, out var connection, out _));
                    var options = new EmailOptions { SenderAddress = "DoNotReply@acme.example", MaxRetries = 0 };
                    var client = AcsEmailClient.WithAccessKey(connection!, options, TimeProvider.System, NullLogger<AcsEmailClient>.Instance);
                    services.AddSingleton<IEmailSender>(new AcsEmailSender(client, options));
                }

                replace?.Invoke(services);
            },
            _queuePrefix);
    }

    /// <summary>Stores the customer, its invoices and a queued email action covering them, as a day's run leaves them.</summary>
    private async Task<ActionMessage> PlanAsync(string customerId = "C-100", string template = "overdue")
    {
        var id = new CustomerId(customerId);
        var invoices = Invoices.Select(i => i with { CustomerId = id, Id = new InvoiceId(customerId + "-" + i.Id.Value) }).ToArray();
        var customer = Customer() with { Id = id };
        await _pipeline.SeedAsync([customer], customerId == CustomerId.Value ? Invoices : invoices, [], [], CancellationToken.None);
        var planned = new PlannedAction($"20261102-{customerId}-email", ActionKind.Email, id, template, Clerk, null,
            (customerId == CustomerId.Value ? Invoices : invoices).Select(i => i.Id).ToArray(), []);
        var shard = _pipeline.Get<Sharding>().ShardOf(id);
        var shards = _pipeline.Get<IShardStore>();
        await shards.AddActionsAsync(shard, AsOf, [planned], CancellationToken.None);
        await shards.SetActionStatusAsync(shard, [planned.ActionId], ActionStatus.Queued, CancellationToken.None);
        return new ActionMessage(planned.ActionId, shard, customerId, "email", AsOf);
    }

    private Task<SendEmailResult> Handle(ActionMessage message) =>
        _pipeline.Get<SendEmail>().HandleAsync(RoundTrip(message), CancellationToken.None);

    /// <summary>The message as the host hands it over: through the queue's JSON.</summary>
    private static ActionMessage RoundTrip(ActionMessage message) =>
        JsonSerializer.Deserialize<ActionMessage>(QueueSender.Serialize(message), QueueSender.SerializerOptions)!;

    private async Task<StoredAction> StoredAsync(ActionMessage message) =>
        (await _pipeline.Get<TableShardStore>().GetActionAsync(message.Shard, message.ActionId, CancellationToken.None))!;

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static Customer Customer() => new() { Id = CustomerId, Name = "Customer & Co", Contacts = [Clerk] };

    private static Invoice Invoice(string id, decimal amount) => new()
    {
        Id = new InvoiceId(id),
        CustomerId = CustomerId,
        IssueDate = AsOf.AddDays(-40),
        DueDate = AsOf.AddDays(-10),
        Amount = amount,
        OpenAmount = amount,
        Currency = new CurrencyCode("USD"),
    };
}
