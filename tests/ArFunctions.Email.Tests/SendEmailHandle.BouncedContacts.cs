using ArFunctions.Application.Contacts;
using ArFunctions.Application.Emails;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Customers;
using ArFunctions.Storage.Stores;

namespace ArFunctions.Email.Tests;

/// <summary>What delivery reports do to the contact behind the recipient (BouncedContacts), through the real stores on Azurite.</summary>
public sealed partial class SendEmailHandle
{
    [Theory]
    [InlineData(DeliveryStatus.Bounced, UnusableStatus.Bounced)]
    [InlineData(DeliveryStatus.Suppressed, UnusableStatus.Suppressed)]
    public async Task MarksContactUnusableAndRaisesFixTaskForCollectorGivenRefusal(DeliveryStatus status, UnusableStatus expected)
    {
        var (message, messageId) = await SentToOwnedCustomerAsync();

        await ReportAsync(new DeliveryReport(messageId, "ANN@customer.example", status, "5.1.1 mailbox unavailable", FirstAttempt));

        var state = Assert.Single(await ContactStatesAsync());
        Assert.Equal(new ContactUnusable(expected, FirstAttempt, message.ActionId, "5.1.1 mailbox unavailable"), state.Unusable);
        Assert.False(state.TakesEmail);
        var task = Assert.Single(await OpenTasksAsync());
        Assert.Equal((TaskKind.FixContact, "dave", TaskSlots.FixContact, task.TaskId), (task.Kind, task.Assignee, task.Slot, state.FixTaskId));
        Assert.Equal(("Ann Payable", "ann@customer.example"), (task.Contact?.Name, task.Contact?.Email));
        Assert.Contains($"ann@customer.example {expected.ToString().ToLowerInvariant()} on 2026-11-02 (5.1.1 mailbox unavailable)", task.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeliveryStatus.Delivered)]
    [InlineData(DeliveryStatus.Failed)]
    [InlineData(DeliveryStatus.Quarantined)]
    [InlineData(DeliveryStatus.FilteredSpam)]
    public async Task LeavesContactUsableWithoutTaskGivenStatusOtherThanRefusal(DeliveryStatus status)
    {
        var (_, messageId) = await SentToOwnedCustomerAsync();

        await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, status, null, FirstAttempt));

        Assert.All(await ContactStatesAsync(), s => Assert.True(s.TakesEmail));
        Assert.Empty(await OpenTasksAsync());
    }

    [Fact]
    public async Task RaisesOneTaskGivenBounceReportedThreeTimes()
    {
        var (_, messageId) = await SentToOwnedCustomerAsync();
        var bounce = new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Bounced, null, FirstAttempt);

        for (var i = 0; i < 3; i++)
        {
            await ReportAsync(bounce);
        }

        var task = Assert.Single(await OpenTasksAsync());
        Assert.Single(task.Actions);
        Assert.Equal(task.TaskId, Assert.Single(await ContactStatesAsync()).FixTaskId);
    }

    [Fact]
    public async Task RaisesTheMissingTaskGivenBounceRedeliveredAfterCrashBeforeTask()
    {
        var (message, messageId) = await SentToOwnedCustomerAsync();
        var bounce = new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Bounced, null, FirstAttempt);
        // The first delivery recorded the report on the action and the contact, then died before the task.
        await _pipeline.Get<IDeliveryReportStore>().TryRecordAsync(new SentEmailRef(message.Shard, message.ActionId), bounce, CancellationToken.None);
        await _pipeline.Get<IContactStateStore>().UpdateAsync(CustomerId, Clerk.Email!, s => s.AfterReport(UnusableStatus.Bounced, FirstAttempt, message.ActionId, null), CancellationToken.None);

        Assert.Equal(DeliveryReportOutcome.Unchanged, await ReportAsync(bounce));

        var task = Assert.Single(await OpenTasksAsync());
        Assert.Equal(task.TaskId, Assert.Single(await ContactStatesAsync()).FixTaskId);
    }

    [Fact]
    public async Task KeepsContactUnusableGivenOlderDeliveryArrivingAfterBounce()
    {
        var (_, messageId) = await SentToOwnedCustomerAsync();
        await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Bounced, null, FirstAttempt.AddMinutes(10)));

        await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Delivered, null, FirstAttempt));

        Assert.Equal(UnusableStatus.Bounced, Assert.Single(await ContactStatesAsync()).Unusable?.Status);
        Assert.Single(await OpenTasksAsync());
    }

    [Fact]
    public async Task ChangesNothingGivenBounceOlderThanLaterDelivery()
    {
        var (_, messageId) = await SentToOwnedCustomerAsync();
        await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Delivered, null, FirstAttempt.AddMinutes(10)));

        await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Bounced, null, FirstAttempt));

        Assert.True(Assert.Single(await ContactStatesAsync()).TakesEmail);
        Assert.Empty(await OpenTasksAsync());
    }

    [Fact]
    public async Task ClearsContactWithoutSecondTaskGivenNewerDeliveryAfterBounce()
    {
        var (_, messageId) = await SentToOwnedCustomerAsync();
        await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Bounced, null, FirstAttempt));

        await ReportAsync(new DeliveryReport(messageId, Clerk.Email!, DeliveryStatus.Delivered, null, FirstAttempt.AddHours(1)));

        var state = Assert.Single(await ContactStatesAsync());
        Assert.Equal((null, null, FirstAttempt.AddHours(1)), (state.Unusable, state.FixTaskId, state.LastReportAt));
        Assert.Single(await OpenTasksAsync());
    }

    /// <summary>A sent email of a customer whose collector is dave.</summary>
    private async Task<(Application.DailyRuns.ActionMessage Message, string MessageId)> SentToOwnedCustomerAsync()
    {
        var sent = await SentAsync();
        await _pipeline.Get<CustomerStore>().UpsertAsync([Customer() with { AssignedCollector = "dave" }], CancellationToken.None);
        return sent;
    }

    private Task<IReadOnlyList<ContactState>> ContactStatesAsync() =>
        _pipeline.Get<IContactStateStore>().GetAsync(CustomerId, CancellationToken.None);

    private async Task<IReadOnlyList<CollectorTask>> OpenTasksAsync() =>
        (await _pipeline.Get<ITaskStore>().GetCustomerTasksAsync(CustomerId, CancellationToken.None)).Open;
}
