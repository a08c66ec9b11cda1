using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Local;
using ArFunctions.Storage.Stores;

namespace ArFunctions.Cli.Tests;

/// <summary>
/// Credits against a real run (<c>arfn run --process</c> on Azurite): a customer whose credit covers the overdue amount
/// is not chased and <c>arfn explain</c> says why; one whose credit covers part of it gets the email, which shows the credit.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArCreditsRun(AzuriteFixture azurite) : IDisposable
{
    private readonly OwnData _data = new();
    private readonly string _prefix = AzuriteFixture.UniqueName("credit");

    [Fact]
    public async Task ChasesOnlyTheUncoveredCustomerAndShowsItsCreditGivenACoveringAndAPartialCredit()
    {
        // Both invoices 5 days overdue on the run date: the policy's email step.
        File.WriteAllLines(_data.Invoices,
        [
            "id,customerId,issueDate,dueDate,amount,openAmount,currency",
            "R-100,A1,2026-10-27,2026-11-26,1200.00,1200.00,EUR",
            "R-200,A2,2026-10-27,2026-11-26,800.00,800.00,EUR",
        ]);
        var settings = _data.WriteSettings(new Dictionary<string, string>
        {
            ["ArFunctions__Email__Mode"] = "Pickup",
            ["ArFunctions__Email__PickupFolder"] = _data.Outbox,
            ["ArFunctions__Email__SenderName"] = "Acme Receivables",
        });
        var (importExit, import) = await Ar.RunAsync(["import", "--policy", _data.Policy, _data.Customers, _data.Invoices, _data.Payments, .. Storage()]);
        await using (var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 2, "", _prefix, queuePrefix: _prefix + "-"))
        {
            await pipeline.Get<CreditStore>().UpsertAsync(
            [
                new Credit("CM-1", new CustomerId("A1"), CreditKind.CreditMemo, 1200m, new CurrencyCode("EUR"), new DateOnly(2026, 11, 28), new InvoiceId("R-100")),
                new Credit("UC-1", new CustomerId("A2"), CreditKind.UnappliedCash, 300m, new CurrencyCode("EUR"), new DateOnly(2026, 11, 29)),
            ], CancellationToken.None);
        }

        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--process", "--settings", settings, .. Storage()]);
        var (explainExit, explained) = await Ar.RunAsync(["explain", "A1", "--from", "2026-12-01", "--to", "2026-12-01", .. Storage()]);

        Assert.True(importExit == 0, import);
        Assert.True(exit == 0, output);
        var email = MimeKit.MimeMessage.Load(Assert.Single(Directory.GetFiles(_data.Outbox, "*.eml")));
        Assert.Equal("sam@fabrikam.example", email.To.Mailboxes.Single().Address);
        Assert.Contains("R-200", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Credits on your account: EUR 300.00 (unapplied payment)", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Credits on your account: <strong>EUR 300.00</strong> (unapplied payment)", email.HtmlBody, StringComparison.Ordinal);
        Assert.True(explainExit == 0, explained);
        Assert.True(explained.Contains("for R-100 not made: covered by credit", StringComparison.Ordinal), explained);
    }

    public void Dispose() => _data.Dispose();

    private string[] Storage() => ["--connection-string", azurite.ConnectionString, "--table-prefix", _prefix, "--queue-prefix", _prefix + "-", "--shards", "2"];
}
