using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Strategies;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Storage.Tests.DailyRuns;

/// <summary>
/// The leftovers an interrupted run queues again: the day's actions still planned, read by their ids' day (ids start
/// with <c>yyyyMMdd</c>), so the query reads one day of a partition that holds every day's actions.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableShardStoreGetUnqueuedActions(AzuriteFixture azurite)
{
    private static readonly DateOnly Yesterday = new(2026, 11, 1);
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly DateOnly Tomorrow = new(2026, 11, 3);

    [Fact]
    public async Task ReturnsOnlyTheDaysActionsStillPlannedGivenActionsOfThreeDaysInTheShard()
    {
        var stores = new StoreHarness(azurite);
        var shards = new TableShardStore(stores.Tables, stores.Sharding, stores.Ledger, new TableRunStore(stores.Tables), NullLogger<TableShardStore>.Instance);
        await shards.AddActionsAsync(0, Yesterday, [Email(Yesterday, "C-1")], CancellationToken.None);
        await shards.AddActionsAsync(0, Today, [Email(Today, "C-1"), Email(Today, "C-2"), Email(Today, "C-3")], CancellationToken.None);
        await shards.AddActionsAsync(0, Tomorrow, [Email(Tomorrow, "C-1")], CancellationToken.None);
        await shards.SetActionStatusAsync(0, ["20261102-C-2-email"], ActionStatus.Queued, CancellationToken.None);

        var leftovers = await shards.GetUnqueuedActionsAsync(0, Today, CancellationToken.None);

        Assert.Equal(["20261102-C-1-email", "20261102-C-3-email"], leftovers.Select(m => m.ActionId).Order(StringComparer.Ordinal));
        Assert.All(leftovers, m => Assert.Equal(Today, m.AsOf));
    }

    private static PlannedAction Email(DateOnly day, string customer) =>
        new($"{PlannedAction.IdDay(day)}-{customer}-email", ActionKind.Email, new CustomerId(customer), "overdue", null, null, [new InvoiceId("I-" + customer)], []);
}
