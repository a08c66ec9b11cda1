using ArFunctions.Application.Portal;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Tests.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tests.Portal;

public class PortalActionsDispute
{
    private readonly TaskWorld _world = PortalWorld.Create();

    [Fact]
    public async Task PausesTheInvoiceAndRaisesTheOwnersTaskAsACollectorsDisputeDoes()
    {
        var result = await _world.Portal.DisputeAsync(PortalWorld.Pat, new PortalDisputeInput("C1-I1", "pricing", "the quote said 10% off"), CancellationToken.None);

        Assert.Equal((PortalActionStatus.Done, PortalOutcome.Disputed), (result.Status, result.Outcome));
        Assert.Equal(new Dispute("pricing", TaskWorld.Today, OpenedBy: "portal:Pat Payables"), _world.Accounts.Invoice("C1-I1").Dispute);
        Assert.Null(_world.Accounts.Invoice("C1-I2").Dispute);
        var task = (await _world.Tasks.GetAsync(result.TaskId!, CancellationToken.None))!;
        Assert.Equal((TaskKind.Dispute, "sales", "pricing", "C1-I1"), (task.Kind, task.Assignee, task.Category, string.Join(",", task.Invoices)));
        Assert.Contains("the quote said 10% off", task.Note);
        var interaction = Assert.Single(_world.Accounts.Interactions);
        Assert.Equal((InteractionOutcome.Dispute, Interaction.PortalSource, "portal:Pat Payables"), (interaction.Outcome, interaction.Source, interaction.RecordedBy));
    }

    [Fact]
    public async Task ChangesNothingMoreGivenTheSameDisputeTwice()
    {
        var input = new PortalDisputeInput("C1-I1", "pricing", "the quote said 10% off");
        var first = await _world.Portal.DisputeAsync(PortalWorld.Pat, input, CancellationToken.None);

        var second = await _world.Portal.DisputeAsync(PortalWorld.Pat, input, CancellationToken.None);

        Assert.Equal((PortalActionStatus.Done, first.TaskId), (second.Status, second.TaskId));
        Assert.Single(_world.Accounts.Interactions);
        Assert.Single((await _world.Tasks.GetAsync(first.TaskId!, CancellationToken.None))!.Actions);
    }

    [Fact]
    public async Task ReportsEveryFieldAndChangesNothingGivenABadBody()
    {
        var result = await _world.Portal.DisputeAsync(PortalWorld.Pat, new PortalDisputeInput("", "price", null), CancellationToken.None);

        Assert.Equal(PortalActionStatus.Invalid, result.Status);
        Assert.Equal(["invoice", "category", "comment"], result.Errors!.Select(e => e.Field));
        Assert.Contains("pricing", result.Errors![1].Reason);
        PortalWorld.AssertUnchanged(_world);
    }

    [Fact]
    public async Task FindsNoInvoiceGivenAnInvoiceOfAnotherCustomer()
    {
        _world.AddCustomer("C2");
        _world.AddInvoice("C2", "C2-I1", 100m);

        var result = await _world.Portal.DisputeAsync(PortalWorld.Pat, new PortalDisputeInput("C2-I1", "pricing", "not ours"), CancellationToken.None);

        Assert.Equal((PortalActionStatus.NotFound, "invoice"), (result.Status, result.Errors!.Single().Field));
        Assert.Null(_world.Accounts.Invoice("C2-I1").Dispute);
        PortalWorld.AssertUnchanged(_world);
    }

    [Fact]
    public async Task FindsNothingGivenALinkOfACustomerNoLongerStored()
    {
        var result = await _world.Portal.DisputeAsync(new PortalVisitor(new CustomerId("GONE"), "pat@example.test"), new PortalDisputeInput("C1-I1", "pricing", "x"), CancellationToken.None);

        Assert.Equal((PortalActionStatus.NotFound, "customer"), (result.Status, result.Errors!.Single().Field));
        PortalWorld.AssertUnchanged(_world);
    }

    [Fact]
    public async Task RefusesGivenAPaidInvoice()
    {
        _world.Accounts.Invoices[0] = _world.Accounts.Invoices[0] with { OpenAmount = 0m, Status = InvoiceStatus.Paid };

        var result = await _world.Portal.DisputeAsync(PortalWorld.Pat, new PortalDisputeInput("C1-I1", "pricing", "x"), CancellationToken.None);

        Assert.Equal(PortalActionStatus.Conflict, result.Status);
        PortalWorld.AssertUnchanged(_world);
    }
}
