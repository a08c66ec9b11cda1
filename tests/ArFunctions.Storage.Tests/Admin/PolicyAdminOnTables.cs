using ArFunctions.Application.Policies;
using ArFunctions.Storage.Policies;
using ArFunctions.Storage.Tests.Infrastructure;

namespace ArFunctions.Storage.Tests.Admin;

[Collection(AzuriteCollection.Name)]
public class PolicyAdminOnTables(AzuriteFixture azurite)
{
    [Fact]
    public async Task SeedsVersionOneFromThePolicyFileGivenAnEmptyTable()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite);

        var current = await harness.Get<PolicyAdmin>().GetCurrentAsync(CancellationToken.None);

        Assert.Equal(1, current.Version);
        Assert.Equal(AdminHarness.SampleJson, current.Document);
        Assert.Equal(PolicyHash.Of(AdminHarness.SampleJson), current.ContentHash);
        Assert.Equal(("2026-11-sample", TablePolicyStore.SeededBy), (current.PolicyVersion, current.SavedBy));
    }

    [Fact]
    public async Task SeedsNothingAndStoresTheFirstPutAsVersionOneGivenNoPolicyFile()
    {
        await using var pipeline = await Local.LocalPipeline.StartAsync(azurite.ConnectionString, 4, "", AzuriteFixture.UniqueName("t"));
        var store = pipeline.Get<IPolicyStore>();

        var before = await store.FindLatestAsync(CancellationToken.None);
        var read = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetLatestAsync(CancellationToken.None));
        var result = await pipeline.Get<PolicyAdmin>().PutAsync(AdminHarness.SampleWithVersion("mine"), "first", "local:pat", CancellationToken.None);

        Assert.Null(before);
        Assert.Contains("No policy is stored yet and no policy file is named", read.Message);
        Assert.Equal((PolicyPutStatus.Saved, 1, "local:pat"), (result.Status, result.Policy!.Version, result.Policy.SavedBy));
        var history = await store.GetHistoryAsync(CancellationToken.None);
        Assert.Equal("mine", Assert.Single(history).PolicyVersion);
    }

    [Fact]
    public async Task ReturnsEveryErrorAndStoresNothingGivenAnInvalidDocument()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite);
        var admin = harness.Get<PolicyAdmin>();
        var before = await admin.GetCurrentAsync(CancellationToken.None);
        var broken = AdminHarness.SampleJson
            .Replace("\"field\": \"balanceRank\"", "\"field\": \"balanceRnk\"", StringComparison.Ordinal)
            .Replace("\"strategy\": \"firm\"", "\"strategy\": \"frim\"", StringComparison.Ordinal);

        var result = await admin.PutAsync(broken, "typos", CancellationToken.None);

        Assert.Equal(PolicyPutStatus.Invalid, result.Status);
        Assert.Equal(["segments[0].when.field", "segments[1].strategy"], result.Errors.Select(e => e.Path));
        Assert.Equal(before, await admin.GetCurrentAsync(CancellationToken.None));
        Assert.Single((await admin.GetHistoryAsync(CancellationToken.None)).Versions);
    }

    [Fact]
    public async Task StoresVersionTwoThatTheNextRunUsesGivenAValidDocument()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite, customers: 40);
        var admin = harness.Get<PolicyAdmin>();
        var first = await harness.RunDayAsync(AdminHarness.Day.AddDays(-1));
        var json = AdminHarness.SampleWithVersion("2026-12-test");

        var result = await admin.PutAsync(json, "December rules", CancellationToken.None);
        var run = await harness.RunDayAsync(AdminHarness.Day);

        Assert.Equal(PolicyPutStatus.Saved, result.Status);
        Assert.Equal(2, result.Policy!.Version);
        var history = await admin.GetHistoryAsync(CancellationToken.None);
        Assert.Equal(2, history.Current);
        Assert.Equal([2, 1], history.Versions.Select(v => v.Version));
        Assert.Equal("December rules", history.Versions[0].Note);
        Assert.Equal(json, (await admin.GetCurrentAsync(CancellationToken.None)).Document);
        Assert.Equal(("2026-11-sample", "2026-12-test"), (first.PolicyVersion, run.PolicyVersion));
    }

    [Fact]
    public async Task ReturnsUnchangedGivenTheDocumentInForce()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite);
        var admin = harness.Get<PolicyAdmin>();

        var result = await admin.PutAsync(AdminHarness.SampleJson, null, CancellationToken.None);

        Assert.Equal((PolicyPutStatus.Unchanged, 1), (result.Status, result.Policy!.Version));
        Assert.Single((await admin.GetHistoryAsync(CancellationToken.None)).Versions);
    }

    [Fact]
    public async Task StoresVersionsTwoAndThreeGivenTwoConcurrentPuts()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite);
        var admin = harness.Get<PolicyAdmin>();
        await admin.GetCurrentAsync(CancellationToken.None);

        var results = await Task.WhenAll(
            admin.PutAsync(AdminHarness.SampleWithVersion("left"), null, CancellationToken.None),
            admin.PutAsync(AdminHarness.SampleWithVersion("right"), null, CancellationToken.None));

        Assert.All(results, r => Assert.Equal(PolicyPutStatus.Saved, r.Status));
        Assert.Equal([2, 3], results.Select(r => r.Policy!.Version).Order());
        var history = await admin.GetHistoryAsync(CancellationToken.None);
        Assert.Equal([3, 2, 1], history.Versions.Select(v => v.Version));
        Assert.Equal(["2026-11-sample", "left", "right"], history.Versions.Select(v => v.PolicyVersion).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ServesEachStoredVersionGivenItsNumber()
    {
        await using var harness = await AdminHarness.CreateAsync(azurite);
        var admin = harness.Get<PolicyAdmin>();
        await admin.PutAsync(AdminHarness.SampleWithVersion("second"), null, CancellationToken.None);

        var first = await admin.GetVersionAsync(1, CancellationToken.None);
        var missing = await admin.GetVersionAsync(9, CancellationToken.None);

        Assert.Equal(AdminHarness.SampleJson, first.Value!.Document);
        Assert.Equal(Application.Queries.QueryStatus.NotFound, missing.Status);
    }
}
