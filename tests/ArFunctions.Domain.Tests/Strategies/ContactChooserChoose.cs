using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Domain.Tests.Strategies;

public class ContactChooserChoose
{
    private static readonly Contact ClerkPhone = new("Clerk Phone", ContactRole.ApClerk, null, "+1 555 0100");
    private static readonly Contact ClerkEmail = new("Clerk Email", ContactRole.ApClerk, "clerk@example.com", null);
    private static readonly Contact Cfo = new("Cfo", ContactRole.Cfo, "cfo@example.com", "+1 555 0102");
    private static readonly Contact Other = new("Other", ContactRole.Other, "other@example.com", null);

    [Fact]
    public void TakesFirstUsableContactOfRoleGivenSeveralWithThatRole() =>
        Assert.Same(ClerkEmail, ContactChooser.Choose([ClerkPhone, ClerkEmail, Cfo], ContactRole.ApClerk, ActionKind.Email, [ContactRole.Cfo]));

    [Fact]
    public void PrefersStepRoleGivenFallbackOrderStartsElsewhere() =>
        Assert.Same(ClerkPhone, ContactChooser.Choose([Cfo, ClerkPhone], ContactRole.ApClerk, ActionKind.Call, [ContactRole.Cfo]));

    [Fact]
    public void WalksFallbackOrderBeforeAnyContactGivenRoleUnusable() =>
        Assert.Same(Cfo, ContactChooser.Choose([Other, ClerkPhone, Cfo], ContactRole.ApClerk, ActionKind.Email, [ContactRole.Approver, ContactRole.Cfo]));

    [Fact]
    public void TakesAnyUsableContactGivenNoRoleMatches() =>
        Assert.Same(Other, ContactChooser.Choose([ClerkPhone, Other], null, ActionKind.Email, [ContactRole.Cfo]));

    [Fact]
    public void ReturnsNullGivenNoContactCanTakeTheChannel() =>
        Assert.Null(ContactChooser.Choose([ClerkEmail, Other], ContactRole.ApClerk, ActionKind.Call, [ContactRole.ApClerk, ContactRole.Other]));

    [Fact]
    public void ReturnsNullGivenInternalTask() =>
        Assert.Null(ContactChooser.Choose([Cfo], ContactRole.Cfo, ActionKind.Escalation, []));
}
