using ArFunctions.Application.Policies;
using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Local;
using ArFunctions.Samples;

namespace ArFunctions.Cli.Tests;

/// <summary><c>arfn preview</c> on a small generated portfolio stored with the sample policy in force (tables and queues of its own prefix).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArPreviewRun(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string StandardDay5Email = """{ "day": 5, "action": "email", "template": "overdue" }""";

    private static readonly string SamplePolicy = Path.Combine(LocalAzurite.FindRepositoryRoot(), "config", "policy.sample.json");

    private readonly string _prefix = AzuriteFixture.UniqueName("preview");
    private readonly string _drafts = Path.Combine(Path.GetTempPath(), AzuriteFixture.UniqueName("drafts"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_drafts);
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions { Customers = 60, AsOf = new DateOnly(2026, 11, 23), Seed = 7 });
        await using var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 4, SamplePolicy, _prefix, queuePrefix: _prefix + "-");
        await pipeline.SeedAsync(portfolio.Customers, portfolio.Invoices, portfolio.Payments, portfolio.Interactions, CancellationToken.None);
        await pipeline.Get<PolicyAdmin>().PutAsync(await File.ReadAllTextAsync(SamplePolicy), "the policy in force", "local:test", CancellationToken.None);
    }

    [Fact]
    public async Task SaysWhatToPassAndWritesNothingGivenStorageWithoutAPolicy()
    {
        var empty = AzuriteFixture.UniqueName("nopolicy");
        var draft = await DraftAsync("same.json", await File.ReadAllTextAsync(SamplePolicy));

        var (exit, output) = await Ar.RunAsync(["preview", "--policy", draft, "--connection-string", azurite.ConnectionString, "--table-prefix", empty, "--queue-prefix", empty + "-", "--shards", "4"]);

        Assert.Equal(2, exit);
        Assert.Contains("arfn import --policy", output);
    }

    [Fact]
    public async Task PrintsEachChangedCustomerTheSegmentsAndTheCollectorsGivenADraftWithAnotherTemplate()
    {
        // Nothing ran on this storage yet, so 2026-11-23 is every customer's first run: a baseline, where a later email
        // speaks as a first contact. The draft changes that template too, so its emails differ on this day as well.
        var sample = File.ReadAllText(SamplePolicy).Replace(StandardDay5Email, """{ "day": 5, "action": "email", "template": "final" }""", StringComparison.Ordinal);
        var draft = await DraftAsync("final.json", "{ \"baseline\": { \"firstContactTemplate\": \"final\" }," + sample.TrimStart()[1..]);

        var (exit, output) = await Ar.RunAsync(["preview", "--policy", draft, "--as-of", "2026-11-23", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Preview of 2026-11-23: policy in force 2026-11-sample vs draft 2026-11-sample (final.json), 60 customers; nothing was written.", output);
        Assert.Matches(@"\d+ customer\(s\) would change:", output);
        Assert.Contains("changed (template)", output);
        Assert.Contains("email overdue to ap-clerk", output);
        Assert.Contains("email final to ap-clerk", output);
        Assert.DoesNotContain("removed", output);
        Assert.Contains("Per segment: policy in force -> draft", output);
        Assert.Contains("carol", output);
    }

    [Fact]
    public async Task SaysTheDraftChangesNothingGivenThePolicyInForce()
    {
        var (exit, output) = await Ar.RunAsync(["preview", "--policy", SamplePolicy, "--as-of", "2026-11-23", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("The draft changes nothing on that day", output);
    }

    [Fact]
    public async Task ListsEveryErrorWithItsPathAndPreviewsNothingGivenAnInvalidDraft()
    {
        var draft = await DraftAsync("typo.json", File.ReadAllText(SamplePolicy).Replace(StandardDay5Email, """{ "day": 5, "action": "emial", "template": "overdue" }""", StringComparison.Ordinal));

        var (exit, output) = await Ar.RunAsync(["preview", "--policy", draft, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("typo.json: 1 error(s); nothing was previewed", output);
        Assert.Contains("strategies[2].steps[3].action: unknown action 'emial', did you mean 'email'?", output);
    }

    [Fact]
    public async Task NamesTheOptionGivenNoSuchFile()
    {
        var (exit, output) = await Ar.RunAsync(["preview", "--policy", Path.Combine(_drafts, "missing.json"), .. Storage()]);

        Assert.Equal(2, exit);
        Assert.Contains("--policy: no such file", output);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_drafts, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<string> DraftAsync(string name, string json)
    {
        var path = Path.Combine(_drafts, name);
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    private string[] Storage() =>
        ["--connection-string", azurite.ConnectionString, "--table-prefix", _prefix, "--queue-prefix", _prefix + "-", "--shards", "4"];
}
