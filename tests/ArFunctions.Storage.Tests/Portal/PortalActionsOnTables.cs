using ArFunctions.Application.Access;
using ArFunctions.Application.Customers;
using ArFunctions.Application.Portal;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Tests.Infrastructure;
using ArFunctions.Storage.Tests.Tasks;

namespace ArFunctions.Storage.Tests.Portal;

/// <summary>The portal actions wired as the function app wires them, on Azurite: customers D1 and D2 of dave, each with a 1,000 USD and a 500 EUR invoice.</summary>
[Collection(AzuriteCollection.Name)]
public class PortalActionsOnTables(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = TaskDayHarness.Day;
    private static readonly PortalVisitor Ann = new(new CustomerId("D1"), "ann@example.test");

    [Fact]
    public async Task ShowsTheDisputeAndThePromiseInTheCustomerDetailAsPortalInteractions()
    {
        await using var harness = await StartedAsync();
        var portal = harness.Get<PortalActions>();

        var disputed = await portal.DisputeAsync(Ann, new PortalDisputeInput("D1-1", "quantity", "we got 8 of 10 crates"), CancellationToken.None);
        var promised = await portal.PromiseAsync(Ann, new PortalPromiseInput("D1-2", Day.AddDays(10).ToString("yyyy-MM-dd"), 500m), CancellationToken.None);

        Assert.Equal((PortalOutcome.Disputed, PortalOutcome.PromiseAccepted), (disputed.Outcome, promised.Outcome));
        var detail = (await harness.Get<CustomerDetailQuery>().GetAsync("D1", null, CancellationToken.None)).Value!;
        var invoices = detail.OpenInvoices.ToDictionary(i => i.Id);
        Assert.Equal(new Dispute("quantity", Day, OpenedBy: "portal:Ann Clerk"), invoices["D1-1"].Dispute);
        Assert.Equal(new PaymentPromise(Day.AddDays(10), 500m, Day, "portal:Ann Clerk"), invoices["D1-2"].Promise);
        var portalLines = detail.Interactions.Where(i => i.Source == Interaction.PortalSource).ToArray();
        Assert.Equal(["dispute", "promise"], portalLines.Select(i => i.Outcome).Order(StringComparer.Ordinal));
        Assert.All(portalLines, i => Assert.Equal("portal:Ann Clerk", i.RecordedBy));
        var owner = Assert.Single(await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("warehouse", CancellationToken.None));
        Assert.Equal((disputed.TaskId, "D1"), (owner.TaskId, owner.CustomerId));
    }

    [Fact]
    public async Task PutsAPromiseOutsideTheLimitsOnTheCollectorsListUntilApproved()
    {
        await using var harness = await StartedAsync();
        var late = Day.AddDays(45).ToString("yyyy-MM-dd");

        var result = await harness.Get<PortalActions>().PromiseAsync(Ann, new PortalPromiseInput("D1-1", late, 1_000m), CancellationToken.None);

        Assert.Equal(PortalOutcome.PromiseRequested, result.Outcome);
        Assert.Null((await harness.InvoicesOfAsync("D1")).Single(i => i.Id.Value == "D1-1").Promise);
        var request = Assert.Single(await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("dave", CancellationToken.None), t => t.Kind == TaskKind.Request);
        Assert.Equal(result.TaskId, request.TaskId);

        var approved = await harness.Get<RecordTaskOutcome>().RecordAsync(
            request.TaskId, new TaskOutcomeInput("promise", "agreed by phone", new PromiseInput(late, 1_000m)), Caller.Local("dave"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Recorded, approved.Status);
        Assert.Equal(Day.AddDays(45), (await harness.InvoicesOfAsync("D1")).Single(i => i.Id.Value == "D1-1").Promise!.Date);
    }

    [Fact]
    public async Task ChangesNothingGivenAnotherCustomersInvoiceOrABadBody()
    {
        await using var harness = await StartedAsync();
        var portal = harness.Get<PortalActions>();
        var before = await harness.InvoicesOfAsync("D2");

        var results = new[]
        {
            await portal.DisputeAsync(Ann, new PortalDisputeInput("D2-1", "quantity", "not ours"), CancellationToken.None),
            await portal.PromiseAsync(Ann, new PortalPromiseInput("D2-1", Day.AddDays(5).ToString("yyyy-MM-dd"), 1_000m), CancellationToken.None),
            await portal.RequestAsync(Ann, new PortalRequestInput("invoice-copy", "D2-1", null), CancellationToken.None),
            await portal.PromiseAsync(Ann, new PortalPromiseInput("D1-1", "tomorrow", -1m), CancellationToken.None),
        };

        Assert.Equal([PortalActionStatus.NotFound, PortalActionStatus.NotFound, PortalActionStatus.NotFound, PortalActionStatus.Invalid], results.Select(r => r.Status));
        Assert.Equal(["date", "amount"], results[3].Errors!.Select(e => e.Field));
        Assert.Equal(before, await harness.InvoicesOfAsync("D2"));
        Assert.All(await harness.InvoicesOfAsync("D1"), i => Assert.Equal((null, null), (i.Dispute, i.Promise)));
        var detail = (await harness.Get<CustomerDetailQuery>().GetAsync("D1", null, CancellationToken.None)).Value!;
        Assert.DoesNotContain(detail.Interactions, i => i.Source == Interaction.PortalSource);
        Assert.DoesNotContain(await harness.Get<ITaskStore>().GetOpenByAssigneeAsync("dave", CancellationToken.None), t => t.Kind == TaskKind.Request);
    }

    private async Task<TaskDayHarness> StartedAsync()
    {
        var harness = await TaskDayHarness.CreateAsync(azurite);
        await harness.SeedAsync(unassigned: 0, ownedByDave: 2);
        await harness.RunDayAsync(Day);
        return harness;
    }
}
