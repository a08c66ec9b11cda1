using ArFunctions.Application.Portal;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Tests.Tasks;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tests.Portal;

/// <summary>The sample policy's page accepts promises at most 30 days ahead of at least half the open amount (the defaults).</summary>
public class PortalActionsPromise
{
    private readonly TaskWorld _world = PortalWorld.Create();

    [Fact]
    public async Task PausesTheInvoiceAtOnceGivenAPromiseWithinTheLimits()
    {
        var result = await _world.Portal.PromiseAsync(PortalWorld.Pat, new PortalPromiseInput("C1-I1", "2026-12-10", 150m), CancellationToken.None);

        Assert.Equal((PortalActionStatus.Done, PortalOutcome.PromiseAccepted, null), (result.Status, result.Outcome, result.TaskId));
        Assert.Equal(new PaymentPromise(new DateOnly(2026, 12, 10), 150m, TaskWorld.Today, "portal:Pat Payables"), _world.Accounts.Invoice("C1-I1").Promise);
        Assert.Empty(_world.Tasks.All);
        var interaction = Assert.Single(_world.Accounts.Interactions);
        Assert.Equal((InteractionOutcome.Promise, Interaction.PortalSource), (interaction.Outcome, interaction.Source));
        Assert.Contains("150.00 USD by 2026-12-10", result.Message);
    }

    [Theory]
    [InlineData("2026-12-24", 300, "later than 2026-12-23")]
    [InlineData("2026-12-01", 149.99, "less than 50% of the open 300.00 USD")]
    public async Task RaisesARequestForTheCollectorGivenAPromiseOutsideTheLimits(string date, double amount, string reason)
    {
        var result = await _world.Portal.PromiseAsync(PortalWorld.Pat, new PortalPromiseInput("C1-I1", date, (decimal)amount), CancellationToken.None);

        Assert.Equal((PortalActionStatus.Done, PortalOutcome.PromiseRequested), (result.Status, result.Outcome));
        Assert.Contains(reason, result.Message);
        Assert.Null(_world.Accounts.Invoice("C1-I1").Promise);
        var task = (await _world.Tasks.GetAsync(result.TaskId!, CancellationToken.None))!;
        Assert.Equal((TaskKind.Request, "carol", TaskSlots.Request, "C1-I1"), (task.Kind, task.Assignee, task.Slot, string.Join(",", task.Invoices)));
        Assert.Contains(reason, task.Note);
        Assert.Equal("Pat Payables", task.Contact!.Name);
        var interaction = Assert.Single(_world.Accounts.Interactions);
        Assert.Equal((InteractionOutcome.None, Interaction.PortalSource), (interaction.Outcome, interaction.Source));
        Assert.Contains(result.TaskId!, interaction.Note);
    }

    [Fact]
    public async Task PromisesTheInvoiceWhenTheCollectorApprovesTheRequest()
    {
        var requested = await _world.Portal.PromiseAsync(PortalWorld.Pat, new PortalPromiseInput("C1-I1", "2027-01-15", 300m), CancellationToken.None);

        var approved = await _world.Record.RecordAsync(
            requested.TaskId!, new TaskOutcomeInput("promise", "approved", new PromiseInput("2027-01-15", 300m)), Access.Caller.Local("carol"), CancellationToken.None);

        Assert.Equal(RecordOutcomeStatus.Recorded, approved.Status);
        Assert.Equal(new DateOnly(2027, 1, 15), _world.Accounts.Invoice("C1-I1").Promise!.Date);
        Assert.Null(_world.Accounts.Invoice("C1-I2").Promise);
    }

    [Theory]
    [InlineData(null, "2026-12-01", 100, "invoice")]
    [InlineData("C1-I1", "2026-11-22", 100, "date")]
    [InlineData("C1-I1", "1 Dec", 100, "date")]
    [InlineData("C1-I1", "2026-12-01", 0, "amount")]
    [InlineData("C1-I1", "2026-12-01", 300.01, "amount")]
    public async Task RejectsAndChangesNothingGivenABadPromise(string? invoice, string date, double amount, string field)
    {
        var result = await _world.Portal.PromiseAsync(PortalWorld.Pat, new PortalPromiseInput(invoice, date, (decimal)amount), CancellationToken.None);

        Assert.Equal((PortalActionStatus.Invalid, field), (result.Status, Assert.Single(result.Errors!).Field));
        PortalWorld.AssertUnchanged(_world);
    }

    [Fact]
    public async Task RefusesGivenADisputedInvoice()
    {
        _world.Accounts.Invoices[0] = _world.Accounts.Invoices[0] with { Dispute = new Dispute("pricing", TaskWorld.Today) };

        var result = await _world.Portal.PromiseAsync(PortalWorld.Pat, new PortalPromiseInput("C1-I1", "2026-12-01", 300m), CancellationToken.None);

        Assert.Equal(PortalActionStatus.Conflict, result.Status);
        Assert.Null(_world.Accounts.Invoice("C1-I1").Promise);
        Assert.Empty(_world.Accounts.Interactions);
    }
}
