using ArFunctions.Application.Contacts;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tests.DailyRuns;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ArFunctions.Storage.Tests.Contacts;

/// <summary>OptOutContact wired as the function app wires it, on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OptOutContactHandleOnTables(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly CustomerId CustomerId = new("C-1");
    private static readonly Contact Clerk = new("Ann Clerk", ContactRole.ApClerk, "Ann@Example.test ", null);
    private static readonly Contact Controller = new("Carl Control", ContactRole.Controller, "carl@example.test", "+1 555 0102");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero));
    private DailyRunHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 4, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
        await _harness.Get<CustomerStore>().UpsertAsync(
            [new Customer { Id = CustomerId, Name = "Customer One", Contacts = [Clerk, Controller] }], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task StoresOptOutAndInteractionGivenContactOfCustomer()
    {
        var result = await OptOutAsync(ContactKeys.Of("ann@example.test"), "portal");

        var optOut = new ContactOptOut(_clock.GetUtcNow(), "portal");
        Assert.Equal(new OptOutResult(OptOutOutcome.OptedOut, optOut), result);
        var state = Assert.Single(await StatesAsync());
        Assert.Equal(("ann@example.test", optOut, null), (state.Address, state.OptedOut, state.Unusable));
        Assert.False(state.TakesEmail);
        var note = Assert.Single(await InteractionsAsync());
        Assert.Equal(
            new Interaction(CustomerId, new DateOnly(2026, 12, 7), InteractionKind.Note, InteractionOutcome.None, "Ann Clerk (ap-clerk) opted out of email reminders", "portal", Interaction.PortalSource),
            note);
    }

    [Fact]
    public async Task KeepsFirstOptOutAndOneInteractionGivenRepeatOnLaterDay()
    {
        var first = await OptOutAsync(ContactKeys.Of(Controller.Email!), "maria@acme.example");
        _clock.Advance(TimeSpan.FromDays(2));

        var again = await OptOutAsync(ContactKeys.Of(Controller.Email!), "portal");

        Assert.Equal(new OptOutResult(OptOutOutcome.AlreadyOptedOut, first.OptOut), again);
        Assert.Equal(first.OptOut, Assert.Single(await StatesAsync()).OptedOut);
        Assert.Equal("maria@acme.example", Assert.Single(await InteractionsAsync()).RecordedBy);
    }

    [Theory]
    [InlineData("C-1", "0000000000000000", "portal", OptOutOutcome.UnknownContact)]
    [InlineData("C-404", null, "portal", OptOutOutcome.UnknownCustomer)]
    [InlineData("C-1", null, " ", OptOutOutcome.InvalidSource)]
    public async Task ChangesNothingGivenBadRequest(string customerId, string? contactKey, string source, OptOutOutcome expected)
    {
        var result = await _harness.Get<OptOutContact>().HandleAsync(
            new OptOutRequest(new CustomerId(customerId), contactKey ?? ContactKeys.Of(Clerk.Email!), source), CancellationToken.None);

        Assert.Equal(new OptOutResult(expected), result);
        Assert.Empty(await StatesAsync());
        Assert.Empty(await InteractionsAsync());
    }

    private Task<OptOutResult> OptOutAsync(string contactKey, string source) =>
        _harness.Get<OptOutContact>().HandleAsync(new OptOutRequest(CustomerId, contactKey, source), CancellationToken.None);

    private Task<IReadOnlyList<ContactState>> StatesAsync() => _harness.Get<IContactStateStore>().GetAsync(CustomerId, CancellationToken.None);

    private async Task<List<Interaction>> InteractionsAsync()
    {
        var shard = _harness.Get<Sharding>().ShardOf(CustomerId);
        var list = new List<Interaction>();
        await foreach (var interaction in _harness.Get<InteractionStore>().StreamShardAsync(shard, CancellationToken.None))
        {
            list.Add(interaction);
        }

        return list.Where(i => i.CustomerId == CustomerId).ToList();
    }
}
