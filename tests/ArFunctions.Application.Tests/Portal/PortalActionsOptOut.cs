using ArFunctions.Application.Portal;
using ArFunctions.Application.Tests.Tasks;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Application.Tests.Portal;

public class PortalActionsOptOut
{
    private readonly TaskWorld _world = PortalWorld.Create();

    [Fact]
    public async Task OptsTheLinksContactOutOnceGivenARepeat()
    {
        var first = await _world.Portal.OptOutAsync(PortalWorld.Pat, CancellationToken.None);
        var again = await _world.Portal.OptOutAsync(PortalWorld.Pat, CancellationToken.None);

        Assert.Equal((PortalActionStatus.Done, PortalOutcome.OptedOut), (first.Status, first.Outcome));
        Assert.Equal(PortalActionStatus.Done, again.Status);
        var state = Assert.Single(_world.ContactStates.States.Values);
        Assert.Equal(("pat@example.test", "portal"), (state.Address, state.OptedOut!.Source));
        var interaction = Assert.Single(_world.Accounts.Interactions);
        Assert.Equal(Interaction.PortalSource, interaction.Source);
    }

    [Fact]
    public async Task FindsTheContactByTheKeyALinkCarries()
    {
        var result = await _world.Portal.OptOutAsync(new PortalVisitor(new CustomerId("C1"), ContactKeys.Of("pat@example.test")), CancellationToken.None);

        Assert.Equal(PortalActionStatus.Done, result.Status);
    }

    [Fact]
    public async Task FindsNoContactGivenAnAddressNoLongerOnTheAccount()
    {
        var result = await _world.Portal.OptOutAsync(new PortalVisitor(new CustomerId("C1"), "gone@example.test"), CancellationToken.None);

        Assert.Equal((PortalActionStatus.NotFound, "contact"), (result.Status, result.Errors!.Single().Field));
        Assert.Empty(_world.ContactStates.States);
        PortalWorld.AssertUnchanged(_world);
    }
}
