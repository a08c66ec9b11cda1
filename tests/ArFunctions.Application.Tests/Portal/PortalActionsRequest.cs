using ArFunctions.Application.Portal;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Tests.Tasks;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tests.Portal;

public class PortalActionsRequest
{
    private readonly TaskWorld _world = PortalWorld.Create();

    [Fact]
    public async Task RaisesATaskForTheCollectorGivenACopyRequest()
    {
        var result = await _world.Portal.RequestAsync(PortalWorld.Pat, new PortalRequestInput("invoice-copy", "C1-I2", null), CancellationToken.None);

        Assert.Equal((PortalActionStatus.Done, PortalOutcome.RequestRecorded), (result.Status, result.Outcome));
        var task = (await _world.Tasks.GetAsync(result.TaskId!, CancellationToken.None))!;
        Assert.Equal((TaskKind.Request, "carol", "C1-I2"), (task.Kind, task.Assignee, string.Join(",", task.Invoices)));
        Assert.Contains("a copy of invoice C1-I2", task.Note);
        Assert.Equal(Interaction.PortalSource, Assert.Single(_world.Accounts.Interactions).Source);
    }

    [Fact]
    public async Task MergesIntoTheOpenRequestTaskGivenASecondRequest()
    {
        var copy = await _world.Portal.RequestAsync(PortalWorld.Pat, new PortalRequestInput("invoice-copy", "C1-I2", null), CancellationToken.None);

        var change = await _world.Portal.RequestAsync(PortalWorld.Pat, new PortalRequestInput("contact-change", null, "Please write to ap@example.test from now on"), CancellationToken.None);

        Assert.Equal(copy.TaskId, change.TaskId);
        var task = (await _world.Tasks.GetAsync(change.TaskId!, CancellationToken.None))!;
        Assert.Contains("a change of contact: Please write to ap@example.test", task.Note);
        Assert.Equal(2, task.Actions.Count);
        Assert.Equal(2, _world.Accounts.Interactions.Count);
    }

    [Theory]
    [InlineData(null, null, null, "kind")]
    [InlineData("refund", null, null, "kind")]
    [InlineData("invoice-copy", null, null, "invoice")]
    [InlineData("contact-change", null, " ", "comment")]
    [InlineData("contact-change", "C1-I1", "x", "invoice")]
    public async Task RejectsAndChangesNothingGivenABadRequest(string? kind, string? invoice, string? comment, string field)
    {
        var result = await _world.Portal.RequestAsync(PortalWorld.Pat, new PortalRequestInput(kind, invoice, comment), CancellationToken.None);

        Assert.Equal((PortalActionStatus.Invalid, field), (result.Status, Assert.Single(result.Errors!).Field));
        PortalWorld.AssertUnchanged(_world);
    }

    [Fact]
    public async Task FindsNoInvoiceGivenACopyOfAnotherCustomersInvoice()
    {
        _world.AddCustomer("C2");
        _world.AddInvoice("C2", "C2-I1", 100m);

        var result = await _world.Portal.RequestAsync(PortalWorld.Pat, new PortalRequestInput("invoice-copy", "C2-I1", null), CancellationToken.None);

        Assert.Equal(PortalActionStatus.NotFound, result.Status);
        PortalWorld.AssertUnchanged(_world);
    }
}
