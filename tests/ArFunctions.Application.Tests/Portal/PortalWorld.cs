using ArFunctions.Application.Portal;
using ArFunctions.Application.Tests.Tasks;
using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Tests.Portal;

/// <summary>Customer C1 of collector carol with invoices C1-I1 (300 USD) and C1-I2 (200 USD), visited by Pat Payables' link.</summary>
internal static class PortalWorld
{
    public static readonly PortalVisitor Pat = new(new CustomerId("C1"), "pat@example.test");

    public static TaskWorld Create()
    {
        var world = new TaskWorld();
        world.AddCustomer("C1", "carol");
        world.AddInvoice("C1", "C1-I1", 300m, daysOverdue: 10);
        world.AddInvoice("C1", "C1-I2", 200m, daysOverdue: 3);
        return world;
    }

    /// <summary>No task, no interaction, no dispute or promise on any invoice.</summary>
    public static void AssertUnchanged(TaskWorld world)
    {
        Assert.Empty(world.Tasks.All);
        Assert.Empty(world.Accounts.Interactions);
        Assert.All(world.Accounts.Invoices, i => Assert.Equal((null, null), (i.Dispute, i.Promise)));
    }
}
