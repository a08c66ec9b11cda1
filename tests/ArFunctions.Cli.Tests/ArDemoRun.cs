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
        await AssertLinksOpenWithTheSampleSettingsAsync(emails);
    }

    /// <summary>
    /// Every demo email carries a customer-page link for http://localhost:7071 that the key of local.settings.sample.json
    /// (the function app run locally) verifies, naming the email's own recipient, on the demo's days.
    /// </summary>
    private static async Task AssertLinksOpenWithTheSampleSettingsAsync(string[] emails)
    {
        using var sample = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(Local.LocalAzurite.FindRepositoryRoot(), "local.settings.sample.json")));
        var values = sample.RootElement.GetProperty("Values");
        var key = new Domain.Portal.PortalKey(
            values.GetProperty("ArFunctions__Portal__Keys__0__Id").GetString()!,
            Convert.FromBase64String(values.GetProperty("ArFunctions__Portal__Keys__0__Secret").GetString()!));
        var demoDay = new DateTimeOffset(2026, 11, 4, 12, 0, 0, TimeSpan.Zero);
        foreach (var eml in emails)
        {
            var message = await MimeKit.MimeMessage.LoadAsync(eml);
            var link = PortalLink().Match(message.TextBody ?? "");
            Assert.True(link.Success, $"{Path.GetFileName(eml)} carries no customer-page link");
            Assert.Contains(link.Value, message.HtmlBody, StringComparison.Ordinal);
            var check = Domain.Portal.PortalLink.Verify(link.Groups["token"].Value, [key], demoDay);
            Assert.True(check.IsValid, $"{Path.GetFileName(eml)}: {check.Status}");
            Assert.Equal(message.To.Mailboxes.Single().Address, check.Payload!.Contact, StringComparer.OrdinalIgnoreCase);
        }
    }

    [GeneratedRegex(@"http://localhost:7071/api/portal/(?<token>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex PortalLink();

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
