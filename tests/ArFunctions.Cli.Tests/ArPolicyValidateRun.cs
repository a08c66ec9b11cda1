using System.Text.RegularExpressions;
using ArFunctions.Application.Policies;
using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Email;
using ArFunctions.Email.Templates;
using ArFunctions.Local;

namespace ArFunctions.Cli.Tests;

/// <summary>
/// A template name is checked against the templates the deployment ships, by one check with one list: <c>arfn policy
/// validate</c>, <c>arfn import --policy</c> and PUT /api/policy (PolicyAdmin with the function app's template
/// catalog) give the same errors for the same file; docs/policy.md lists the shipped templates.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ArPolicyValidateRun(AzuriteFixture azurite) : IDisposable
{
    private const string Misspelt = "strategies[0].steps[1].template: unknown template 'statment-of-account', did you mean 'statement'?";

    private readonly OwnData _data = new();
    private readonly string _prefix = AzuriteFixture.UniqueName("val");

    [Fact]
    public async Task RefusesStatmentOfAccountWithDidYouMeanInTheCliAsPutPolicyDoesGivenTheShippedTemplates()
    {
        var file = Path.Combine(_data.Folder, "statement-policy.json");
        var json = File.ReadAllText(_data.Policy).Replace("\"overdue\"", "\"statment-of-account\"", StringComparison.Ordinal);
        File.WriteAllText(file, json);

        var (validateExit, validate) = await Ar.RunAsync(["policy", "validate", file]);
        var (importExit, import) = await Ar.RunAsync(["import", "--policy", file, _data.Customers, .. Storage()]);
        await using var pipeline = await LocalPipeline.StartAsync(
            azurite.ConnectionString, 2, "", _prefix, services => services.AddArFunctionsEmail(), queuePrefix: _prefix + "-",
            settings: new Dictionary<string, string?> { ["ArFunctions:Email:PickupFolder"] = _data.Outbox });
        var put = await pipeline.Get<PolicyAdmin>().PutAsync(json, null, "test", CancellationToken.None);

        Assert.Equal((1, 1), (validateExit, importExit));
        Assert.Equal(Misspelt, Assert.Single(put.Errors).ToString());
        Assert.Contains($"{file}: 1 error(s)", validate);
        Assert.Contains(Misspelt, validate);
        Assert.Contains(Misspelt, import);
        Assert.Contains("Nothing imported.", import);
    }

    [Fact]
    public async Task RefusesStatmentOfAccountInAPreviewedDraftGivenTheShippedTemplates()
    {
        var draft = Path.Combine(_data.Folder, "draft.json");
        File.WriteAllText(draft, File.ReadAllText(_data.Policy).Replace("\"overdue\"", "\"statment-of-account\"", StringComparison.Ordinal));
        var (importExit, import) = await Ar.RunAsync(["import", "--policy", _data.Policy, _data.Customers, .. Storage()]);

        var (exit, output) = await Ar.RunAsync(["preview", "--policy", draft, .. Storage()]);

        Assert.True(importExit == 0, import);
        Assert.NotEqual(0, exit);
        Assert.Contains("draft.json: 1 error(s); nothing was previewed", output);
        Assert.Contains("unknown template 'statment-of-account', did you mean 'statement'?", output);
    }

    [Fact]
    public void ListsEveryShippedTemplateInPolicyMd()
    {
        var shipped = LiquidTemplateCatalog.LoadEmbedded(SenderSettings.From(new EmailOptions())).TemplateIds.Order(StringComparer.Ordinal);
        var policyMd = File.ReadAllText(Path.Combine(LocalAzurite.FindRepositoryRoot(), "docs", "policy.md"));

        var listed = ShippedTemplateRow().Matches(policyMd).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);

        Assert.Equal(shipped, listed);
    }

    public void Dispose() => _data.Dispose();

    private string[] Storage() => ["--connection-string", azurite.ConnectionString, "--table-prefix", _prefix, "--queue-prefix", _prefix + "-", "--shards", "2"];

    /// <summary>A row of docs/policy.md's table of shipped templates: <c>| `overdue` | shipped | ...</c>.</summary>
    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \| shipped \|", RegexOptions.Multiline)]
    private static partial Regex ShippedTemplateRow();
}
