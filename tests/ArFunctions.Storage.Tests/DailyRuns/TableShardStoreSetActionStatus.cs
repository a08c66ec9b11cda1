using ArFunctions.Application.Emails;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Emails;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Storage.Tests.DailyRuns;

/// <summary>No writer moves an action's status backwards (<see cref="ActionStatusOrder"/>), whoever writes last.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableShardStoreSetActionStatus(AzuriteFixture azurite)
{
    private static readonly DateOnly AsOf = new(2026, 11, 2);
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task KeepsSentGivenShardWriterQueuesAfterHandlerSent()
    {
        var (shards, outcomes, action) = await PlannedAsync();
        var read = (await outcomes.GetAsync(0, action.ActionId, CancellationToken.None))!;
        Assert.True(await outcomes.TryClaimAsync(0, read, new ActionClaim(Now, Now), CancellationToken.None));
        Assert.True(await outcomes.CompleteAsync(0, action.ActionId, new ActionOutcome(ActionStatus.Sent, null, Now), CancellationToken.None));

        await shards.SetActionStatusAsync(0, [action.ActionId], ActionStatus.Queued, CancellationToken.None);
        await shards.ReplaceActionAsync(0, AsOf, action, ActionStatus.Planned, CancellationToken.None);

        var stored = (await shards.GetActionAsync(0, action.ActionId, CancellationToken.None))!;
        Assert.Equal(ActionStatus.Sent, stored.Status);
        Assert.Equal(Now, stored.CompletedAt);
    }

    [Fact]
    public async Task KeepsClaimGivenShardWriterQueuesAfterHandlerClaimed()
    {
        var (shards, outcomes, action) = await PlannedAsync();
        var read = (await outcomes.GetAsync(0, action.ActionId, CancellationToken.None))!;
        Assert.True(await outcomes.TryClaimAsync(0, read, new ActionClaim(Now, Now), CancellationToken.None));

        await shards.SetActionStatusAsync(0, [action.ActionId], ActionStatus.Queued, CancellationToken.None);

        Assert.Equal(ActionStatus.Sending, (await shards.GetActionAsync(0, action.ActionId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task RefusesSecondClaimGivenBothReadTheSameVersion()
    {
        var (_, outcomes, action) = await PlannedAsync();
        var read = (await outcomes.GetAsync(0, action.ActionId, CancellationToken.None))!;

        var first = await outcomes.TryClaimAsync(0, read, new ActionClaim(Now, Now), CancellationToken.None);
        var second = await outcomes.TryClaimAsync(0, read, new ActionClaim(Now, Now), CancellationToken.None);

        Assert.Equal((true, false), (first, second));
    }

    [Fact]
    public async Task RefusesSkippedGivenActionAlreadySent()
    {
        var (_, outcomes, action) = await PlannedAsync();
        Assert.True(await outcomes.CompleteAsync(0, action.ActionId, new ActionOutcome(ActionStatus.Sent, null, Now), CancellationToken.None));

        var skipped = await outcomes.CompleteAsync(0, action.ActionId, new ActionOutcome(ActionStatus.Skipped, "paid", Now.AddMinutes(1)), CancellationToken.None);

        Assert.False(skipped);
        var stored = (await outcomes.GetAsync(0, action.ActionId, CancellationToken.None))!;
        Assert.Equal(ActionStatus.Sent, stored.Status);
    }

    [Theory]
    [InlineData(ActionStatus.Planned, ActionStatus.Queued, true)]
    [InlineData(ActionStatus.Queued, ActionStatus.Queued, true)]
    [InlineData(ActionStatus.Queued, ActionStatus.Sending, true)]
    [InlineData(ActionStatus.Sending, ActionStatus.Sending, true)]
    [InlineData(ActionStatus.Creating, ActionStatus.Skipped, true)]
    [InlineData(ActionStatus.Sent, ActionStatus.Queued, false)]
    [InlineData(ActionStatus.Sending, ActionStatus.Queued, false)]
    [InlineData(ActionStatus.Sent, ActionStatus.Sent, false)]
    [InlineData(ActionStatus.Sent, ActionStatus.Failed, false)]
    [InlineData(ActionStatus.Sending, ActionStatus.Creating, false)]
    public void AllowsOnlyForwardMovesGivenStatusOrder(ActionStatus from, ActionStatus to, bool allowed) =>
        Assert.Equal(allowed, ActionStatusOrder.MayMove(from, to));

    private async Task<(TableShardStore Shards, TableActionOutcomeStore Outcomes, PlannedAction Action)> PlannedAsync()
    {
        var stores = new StoreHarness(azurite);
        var shards = new TableShardStore(stores.Tables, stores.Sharding, stores.Ledger, new TableRunStore(stores.Tables), NullLogger<TableShardStore>.Instance);
        var outcomes = new TableActionOutcomeStore(stores.Tables, shards, stores.Customers, stores.Invoices, stores.Credits, stores.Interactions);
        var action = new PlannedAction("20261102-C-1-email", ActionKind.Email, new CustomerId("C-1"), "overdue", null, null, [new InvoiceId("I-1")], []);
        await shards.AddActionsAsync(0, AsOf, [action], CancellationToken.None);
        await shards.SetActionStatusAsync(0, [action.ActionId], ActionStatus.Queued, CancellationToken.None);
        return (shards, outcomes, action);
    }
}
