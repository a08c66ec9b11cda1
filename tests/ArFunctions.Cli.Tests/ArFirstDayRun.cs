using ArFunctions.Application.Tasks;
using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Domain.Common;
using ArFunctions.Local;

namespace ArFunctions.Cli.Tests;

/// <summary>
/// A first day on one's own data, as docs/cli.md walks it: <c>arfn import --policy</c>, then <c>arfn run --as-of D
/// --process</c>, which sends the day's emails and creates the collectors' tasks; and where <c>arfn run</c>'s settings come from.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArFirstDayRun(AzuriteFixture azurite) : IDisposable
{
    private const string KpiPeriodVariable = "ArFunctions__DailyRun__KpiPeriodDays";

    private readonly OwnData _data = new();
    private readonly string _prefix = AzuriteFixture.UniqueName("day");

    [Fact]
    public async Task WritesTheEmailAndCreatesTheTaskGivenImportWithPolicyThenRunWithProcess()
    {
        var settings = _data.WriteSettings(new Dictionary<string, string>
        {
            ["ArFunctions__Email__Mode"] = "Pickup",
            ["ArFunctions__Email__PickupFolder"] = _data.Outbox,
            ["ArFunctions__Email__SenderName"] = "Acme Receivables",
        });

        var (importExit, import) = await Ar.RunAsync(["import", "--policy", _data.Policy, _data.Customers, _data.Invoices, _data.Payments, .. Storage()]);
        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--process", "--settings", settings, .. Storage()]);

        Assert.True(importExit == 0, import);
        Assert.True(exit == 0, output);
        Assert.Contains("Processed 2 shard message(s).", output);
        Assert.True(output.Contains($"Emails: 1 sent to .eml files in {_data.Outbox}.", StringComparison.Ordinal), output);
        Assert.Contains("Tasks: 1 created or merged into the customer's open task.", output);
        var email = Assert.Single(Directory.GetFiles(_data.Outbox, "*.eml"));
        var text = File.ReadAllText(email);
        Assert.Contains("pat@contoso.example", text);
        Assert.Contains("R-100", text);
        await using var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 2, "", _prefix, queuePrefix: _prefix + "-");
        var tasks = await pipeline.Get<ITaskStore>().GetCustomerTasksAsync(new CustomerId("A2"), CancellationToken.None);
        Assert.Equal("A2", Assert.Single(tasks.Open).CustomerId);
        Assert.Empty((await pipeline.Get<ITaskStore>().GetCustomerTasksAsync(new CustomerId("A1"), CancellationToken.None)).Open);
    }

    [Fact]
    public async Task TakesTheEnvironmentOverLocalSettingsAndTheOptionOverBothGivenTheKpiPeriod()
    {
        var settings = _data.WriteSettings(new Dictionary<string, string>
        {
            ["ArFunctions__Storage__ConnectionString"] = azurite.ConnectionString,
            ["ArFunctions__Storage__TablePrefix"] = _prefix,
            ["ArFunctions__Storage__QueuePrefix"] = _prefix + "-",
            ["ArFunctions__Storage__ShardCount"] = "2",
            ["ArFunctions__DailyRun__KpiPeriodDays"] = "30",
        });
        await Ar.RunAsync(["import", "--policy", _data.Policy, _data.Customers, "--settings", settings]);
        string[] run = ["run", "--as-of", "2026-12-01", "--dry-run", "--settings", settings];

        var (fileExit, file) = await Ar.RunAsync(run);
        var (environment, option, badOption) = await WithVariableAsync(KpiPeriodVariable, "45", async () =>
            (await Ar.RunAsync(run), await Ar.RunAsync([.. run, "--kpi-period-days", "60"]), await Ar.RunAsync([.. run, "--kpi-period-days", "3"])));

        Assert.True(fileExit == 0, file);
        Assert.Contains($"Settings: {settings}, then the environment, then the options; KPI period 30 days.", file);
        Assert.Contains("KPI period 45 days.", environment.Output);
        Assert.Contains("KPI period 60 days.", option.Output);
        Assert.Equal(2, badOption.Exit);
        Assert.Contains("--kpi-period-days must be 7..366 (was 3).", badOption.Output);
    }

    [Fact]
    public async Task ListsTheInvalidSettingAndWhereSettingsComeFromGivenAnEnvironmentValueOutOfRange()
    {
        await Ar.RunAsync(["import", "--policy", _data.Policy, _data.Customers, .. Storage()]);

        var (exit, output) = await WithVariableAsync(KpiPeriodVariable, "1000", () => Ar.RunAsync(["run", "--as-of", "2026-12-01", "--dry-run", .. Storage()]));

        Assert.Equal(2, exit);
        Assert.Contains("Invalid settings:", output);
        Assert.Contains("KpiPeriodDays", output);
        Assert.Contains("then environment variables of the same names", output);
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Runs <paramref name="work"/> with an environment variable set (the tests of this collection run one at a time).</summary>
    private static async Task<T> WithVariableAsync<T>(string name, string value, Func<Task<T>> work)
    {
        var previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            return await work();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }

    private string[] Storage() => ["--connection-string", azurite.ConnectionString, "--table-prefix", _prefix, "--queue-prefix", _prefix + "-", "--shards", "2"];
}
