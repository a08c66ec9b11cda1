using ArFunctions.Application.Policies;
using ArFunctions.Application.Tests.Builders;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Application.Tests.Policies;

public class PolicyAdminPut
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static PolicyAdmin Admin(InMemoryPolicyStore store, Templates? templates = null) =>
        new(store, new FixedTime(Now), NullLogger<PolicyAdmin>.Instance, templates);

    [Fact]
    public async Task ReturnsEveryErrorWithItsPathAndStoresNothingGivenAnInvalidDocument()
    {
        var store = new InMemoryPolicyStore();

        var result = await Admin(store).PutAsync(SamplePolicy.Broken, "typos", CancellationToken.None);

        Assert.Equal(PolicyPutStatus.Invalid, result.Status);
        Assert.Equal(
            ["segments[0].when.field: unknown field 'balanceRnk', did you mean 'balanceRank'?", "segments[1].strategy: unknown strategy 'frim', did you mean 'firm'?"],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal(0, store.Adds);
        Assert.Single(store.Versions);
    }

    [Fact]
    public async Task ReturnsUnchangedAndStoresNothingGivenTheDocumentInForce()
    {
        var store = new InMemoryPolicyStore();

        var result = await Admin(store).PutAsync(SamplePolicy.Json, null, CancellationToken.None);

        Assert.Equal(PolicyPutStatus.Unchanged, result.Status);
        Assert.Equal(1, result.Policy!.Version);
        Assert.Equal(0, store.Adds);
    }

    [Fact]
    public async Task StoresTheNextVersionWithHashNoteAndAuthorGivenAChangedDocument()
    {
        var store = new InMemoryPolicyStore();
        var json = SamplePolicy.WithVersion("2026-12");

        var result = await Admin(store).PutAsync(json, "December", "pat", CancellationToken.None);

        Assert.Equal(PolicyPutStatus.Saved, result.Status);
        Assert.Equal(new PolicyVersionInfo(2, PolicyHash.Of(json), "2026-12", Now, "pat", "December"), result.Policy);
        Assert.Equal(json, store.Versions[2].Document);
    }

    [Fact]
    public async Task TakesTheNumberAfterTheRivalsGivenConcurrentSavesTookTheNextOnes()
    {
        var store = new InMemoryPolicyStore { LoseRaces = 2 };

        var result = await Admin(store).PutAsync(SamplePolicy.WithVersion("mine"), null, CancellationToken.None);

        Assert.Equal(4, result.Policy!.Version);
        Assert.Equal("rival", store.Versions[2].SavedBy);
        Assert.Equal("rival", store.Versions[3].SavedBy);
    }

    [Fact]
    public async Task ReturnsConflictGivenRivalsWinEveryAttempt()
    {
        var store = new InMemoryPolicyStore { LoseRaces = 100 };

        var result = await Admin(store).PutAsync(SamplePolicy.WithVersion("mine"), null, CancellationToken.None);

        Assert.Equal(PolicyPutStatus.Conflict, result.Status);
        Assert.DoesNotContain(store.Versions.Values, v => v.PolicyVersion == "mine");
    }

    [Fact]
    public async Task RejectsATemplateTheCatalogLacksGivenACatalog()
    {
        var store = new InMemoryPolicyStore();
        var templates = new Templates("upcoming", "statement", "firm", "final");

        var result = await Admin(store, templates).PutAsync(SamplePolicy.WithVersion("2026-12"), null, CancellationToken.None);

        Assert.Equal(PolicyPutStatus.Invalid, result.Status);
        Assert.All(result.Errors, e => Assert.Contains("overdue", e.Message, StringComparison.Ordinal));
        Assert.Equal(0, store.Adds);
    }

    [Fact]
    public async Task RejectsAnOverlongNoteGivenAValidDocument()
    {
        var store = new InMemoryPolicyStore();

        var result = await Admin(store).PutAsync(SamplePolicy.WithVersion("2026-12"), new string('x', PolicyAdmin.MaxNoteLength + 1), CancellationToken.None);

        Assert.Equal("note", Assert.Single(result.Errors).Path);
        Assert.Equal(0, store.Adds);
    }
}
