using ArFunctions.Application.Access;
using ArFunctions.Application.Intake;
using ArFunctions.Application.Policies;
using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Domain.Common;
using ArFunctions.Local;

namespace ArFunctions.Cli.Tests;

/// <summary>
/// <c>--policy</c> on <c>arfn import</c> and <c>arfn run</c>: the given policy is saved as the policy in force, and storage
/// without a policy is never seeded silently.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArPolicyOptionRun(AzuriteFixture azurite) : IDisposable
{
    private readonly OwnData _data = new();
    private readonly string _prefix = AzuriteFixture.UniqueName("pol");

    [Fact]
    public async Task SavesTheGivenPolicyAsVersionOneByTheUserGivenEmptyStorage()
    {
        var (exit, output) = await Ar.RunAsync(["import", "--policy", _data.Policy, _data.Customers, _data.Invoices, .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains($"Saved {_data.Policy} (policy {OwnData.PolicyVersion}) as version 1, the policy in force.", output);
        var (latest, history) = await StoredPolicyAsync();
        Assert.Equal((1, OwnData.PolicyVersion, Caller.Local(Environment.UserName).AuditName), (latest!.Version, latest.PolicyVersion, latest.SavedBy));
        Assert.Equal(File.ReadAllText(_data.Policy), latest.Document);
        Assert.Single(history);
        Assert.Equal(["A1", "A2"], await StoredCustomersAsync());
    }

    [Fact]
    public async Task SavesTheNextVersionAndRunsWithItGivenRunWithAnotherPolicy()
    {
        await Ar.RunAsync(["import", "--policy", _data.Policy, _data.Customers, _data.Invoices, .. Storage()]);
        var changed = Path.Combine(_data.Folder, "changed.json");
        File.WriteAllText(changed, File.ReadAllText(_data.Policy).Replace(OwnData.PolicyVersion, "acme-2026-12b", StringComparison.Ordinal));

        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--policy", changed, "--dry-run", .. Storage()]);
        var (runExit, runOutput) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--policy", changed, .. Storage()]);

        Assert.Equal(2, exit);
        Assert.Contains("--dry-run writes nothing, so it cannot save --policy", output);
        Assert.True(runExit == 0, runOutput);
        Assert.Contains("as version 2, the policy in force.", runOutput);
        Assert.Equal("acme-2026-12b", (await StoredPolicyAsync()).Latest!.PolicyVersion);
    }

    [Fact]
    public async Task FailsSayingWhatToPassAndWritesNothingGivenEmptyStorageWithoutPolicy()
    {
        var (importExit, import) = await Ar.RunAsync(["import", _data.Customers, _data.Invoices, .. Storage()]);
        var (runExit, run) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--process", .. Storage()]);

        Assert.Equal((2, 2), (importExit, runExit));
        Assert.Contains("No policy in force in this storage. Pass the policy your runs should use with --policy, for example: arfn import --policy my-policy.json customers.csv", import);
        Assert.Contains("for example: arfn run --as-of 2026-12-01 --policy my-policy.json", run);
        Assert.Contains("Nothing was written.", run);
        Assert.Null((await StoredPolicyAsync()).Latest);
        Assert.Empty(await StoredCustomersAsync());
    }

    [Fact]
    public async Task NamesThePathAndTheProblemAndWritesNothingGivenABadPolicyFile()
    {
        var bad = Path.Combine(_data.Folder, "bad-policy.json");
        File.WriteAllText(bad, File.ReadAllText(_data.Policy).Replace("\"day\": 5", "\"day\": \"five\"", StringComparison.Ordinal));
        var typo = Path.Combine(_data.Folder, "typo-policy.json");
        File.WriteAllText(typo, File.ReadAllText(_data.Policy).Replace("\"overdue\"", "\"overdu\"", StringComparison.Ordinal));

        var (importExit, import) = await Ar.RunAsync(["import", "--policy", bad, _data.Customers, .. Storage()]);
        var (runExit, run) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--policy", typo, .. Storage()]);

        Assert.Equal((1, 1), (importExit, runExit));
        Assert.True(import.Contains($"{bad}: 1 error(s)", StringComparison.Ordinal), import);
        Assert.Contains("strategies[0].steps[1].day", import);
        Assert.Contains("Nothing imported.", import);
        Assert.Contains($"{typo}: 1 error(s)", run);
        Assert.Contains("strategies[0].steps[1].template: unknown template 'overdu', did you mean 'overdue'?", run);
        Assert.Null((await StoredPolicyAsync()).Latest);
        Assert.Empty(await StoredCustomersAsync());
    }

    public void Dispose() => _data.Dispose();

    private string[] Storage() => ["--connection-string", azurite.ConnectionString, "--table-prefix", _prefix, "--queue-prefix", _prefix + "-", "--shards", "2"];

    /// <summary>The stored policy as a pipeline that seeds nothing reads it: the latest version (null when none) and the history.</summary>
    private async Task<(StoredPolicy? Latest, IReadOnlyList<PolicyVersionInfo> History)> StoredPolicyAsync()
    {
        await using var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 2, "", _prefix, queuePrefix: _prefix + "-");
        var store = pipeline.Get<IPolicyStore>();
        return (await store.FindLatestAsync(CancellationToken.None), await store.GetHistoryAsync(CancellationToken.None));
    }

    private async Task<string[]> StoredCustomersAsync()
    {
        await using var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 2, "", _prefix, queuePrefix: _prefix + "-");
        var found = await pipeline.Get<IIntakeStore>().FindExistingCustomersAsync([new CustomerId("A1"), new CustomerId("A2")], CancellationToken.None);
        return [.. found.Select(id => id.Value).Order(StringComparer.Ordinal)];
    }
}
