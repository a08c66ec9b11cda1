using System.Text.RegularExpressions;
using ArFunctions.Cli.Tests.Infrastructure;

namespace ArFunctions.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public sealed partial class ArDemoRun(AzuriteFixture azurite) : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "ar-demo-test-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task WritesEmailsAppliesWebhookPaymentsAndPrintsTheSummaryGivenAFewDaysOfASmallPortfolio()
    {
        var prefix = AzuriteFixture.UniqueName("demo");

        var (exit, output) = await Ar.RunAsync(
            "demo", "--days", "3", "--customers", "40", "--top", "5", "--outbox", _outbox, "--shards", "4",
            "--connection-string", azurite.ConnectionString, "--table-prefix", prefix, "--queue-prefix", prefix + "-");

        Assert.True(exit == 0, output);
        Assert.Contains("│ 2026-11-04 │", output);
        Assert.Contains("KPIs over the 90 days to 2026-11-04", output);
        Assert.Contains("Top 5 worklist of 2026-11-04", output);
        var emails = Directory.GetFiles(_outbox, "*.eml");
        Assert.NotEmpty(emails);
        Assert.Contains($"the folder {_outbox} holds {emails.Length} .eml files", output);
        var payments = PaymentsLine().Match(output);
        Assert.True(payments.Success, output);
        Assert.True(int.Parse(payments.Groups["applied"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, payments.Value);
        Assert.Equal(payments.Groups["received"].Value, payments.Groups["applied"].Value);
    }

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    [GeneratedRegex(@"Payments: (?<received>\d+) signed webhook events received from source 'payments', (?<applied>\d+) applied")]
    private static partial Regex PaymentsLine();
}
