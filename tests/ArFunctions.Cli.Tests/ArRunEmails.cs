using System.Text.RegularExpressions;
using ArFunctions.Cli.Tests.Infrastructure;
using MimeKit;

namespace ArFunctions.Cli.Tests;

/// <summary>
/// The emails a day's run sends, read field by field from the .eml files the pickup sender wrote, and business-day
/// contact across the Thanksgiving weekend of 2026 (Thursday 11-26 and Friday 11-27 holidays, then the weekend):
/// <c>arfn import</c>, then <c>arfn run --as-of D --process</c> on Friday, Saturday, Monday and Tuesday.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ArRunEmails(AzuriteFixture azurite) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ar-run-emails-").FullName;
    private readonly string _prefix = AzuriteFixture.UniqueName("mail");

    private string Outbox => Path.Combine(_folder, "outbox");

    [Fact]
    public async Task ContactsOnTheNextBusinessDayOnceGivenAStepDueOnAHolidayWeekend()
    {
        var settings = await ImportAsync();

        var friday = await RunAsync("2026-11-27", settings);
        var saturday = await RunAsync("2026-11-28", settings);
        var sentByTheWeekend = Emails().Length;
        var monday = await RunAsync("2026-11-30", settings);
        var sentByMonday = Emails().Length;
        var tuesday = await RunAsync("2026-12-01", settings);
        var (explainExit, explain) = await Ar.RunAsync(["explain", "US1", "--from", "2026-11-27", "--to", "2026-11-30", .. Storage()]);

        Assert.All(new[] { friday, saturday, monday, tuesday }, run => Assert.True(run.Exit == 0, run.Output));
        Assert.Equal(0, sentByTheWeekend);
        Assert.Equal(2, sentByMonday);
        Assert.Equal(2, Emails().Length);
        Assert.True(explainExit == 0, explain);
        Has(explain, "2026-11-27 step d5-email for U-1 waited: customers are contacted on business days only; it fires on the next business day");
        Has(explain, "2026-11-28 step d5-email for U-22 waited: customers are contacted on business days only; it fires on the next business day");
        Has(explain, "2026-11-30 email (d5-email, template overdue) for U-1, U-22 to ap-clerk: sent");
    }

    [Fact]
    public async Task WritesTotalsLocaleDatesSubjectReplyToAndRemitToGivenCustomersInTheUsAndGermany()
    {
        var settings = await ImportAsync();

        var (exit, output) = await RunAsync("2026-11-30", settings);

        Assert.True(exit == 0, output);
        using var us = await EmailToAsync("hank@globex.example");
        using var de = await EmailToAsync("pat@contoso.example");
        Assert.Equal("Acme Supplies: overdue invoices for Globex Corporation", us.Subject);
        Assert.Equal("Acme Supplies: overdue invoices for Contoso GmbH", de.Subject);
        foreach (var email in new[] { us, de })
        {
            Assert.Equal("DoNotReply@acme.example", email.From.Mailboxes.Single().Address);
            Assert.Equal("ar@acme.example", email.ReplyTo.Mailboxes.Single().Address);
            Has(email.TextBody, "Remit to:\nAcme Supplies Inc.\nPO Box 100\nSpringfield, IL 62701");
            Has(email.TextBody, "How to pay: ACH to account 123456789; quote the invoice number.");
            Has(email.TextBody, "Kind regards,\nAcme Supplies\n\n");
            Assert.DoesNotMatch(IsoDate(), email.Subject + email.TextBody + email.HtmlBody);
        }

        Has(us.TextBody, "U-1      Nov 22, 2026    $1,234.50");
        Has(us.TextBody, "U-22     Nov 23, 2026   $42,000.00");
        Assert.DoesNotContain("U-3", us.TextBody, StringComparison.Ordinal);
        Has(us.TextBody, "Your account (3 open invoices):");
        Has(us.TextBody, "Open balance $43,734.50, of which overdue $43,234.50; in this email $43,234.50");
        Has(de.TextBody, "D-1      22.11.2026   1.234,50 €");
        Has(de.TextBody, "Open balance 1.234,50 €, of which overdue 1.234,50 €; in this email 1.234,50 €");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Like Assert.Contains, with the whole text in the failure message.</summary>
    private static void Has(string? text, string expected) =>
        Assert.True(text?.Contains(expected, StringComparison.Ordinal) == true, $"Expected to find:\n{expected}\nin:\n{text}");

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    private async Task<string> ImportAsync()
    {
        var policy = Path.Combine(_folder, "policy.json");
        File.WriteAllText(policy, """
            {
              "version": "emails-1",
              "currency": { "base": "USD", "rates": { "EUR": 1.08 } },
              "calendar": { "holidays": ["2026-11-26", "2026-11-27"] },
              "contactOnBusinessDaysOnly": true,
              "locale": { "default": "en-US", "countries": { "DE": "de-DE" } },
              "segments": [ { "id": "everyone", "default": true, "strategy": "simple" } ],
              "strategies": [ { "id": "simple", "steps": [ { "day": 5, "action": "email", "template": "overdue" } ] } ]
            }
            """);
        var customers = Path.Combine(_folder, "customers.csv");
        File.WriteAllLines(customers,
        [
            "id,name,customerSince,creditScore,country,contactName,contactRole,contactEmail",
            "US1,Globex Corporation,2020-01-01,70,US,Hank Scorpio,ap-clerk,hank@globex.example",
            "DE1,Contoso GmbH,2020-01-01,70,DE,Pat Garcia,ap-clerk,pat@contoso.example",
        ]);
        var invoices = Path.Combine(_folder, "invoices.csv");
        File.WriteAllLines(invoices,
        [
            "id,customerId,issueDate,dueDate,amount,openAmount,currency",
            "U-1,US1,2026-10-23,2026-11-22,1234.50,1234.50,USD",
            "U-22,US1,2026-10-24,2026-11-23,42000.00,42000.00,USD",
            "U-3,US1,2026-11-30,2027-06-30,500.00,500.00,USD",
            "D-1,DE1,2026-10-23,2026-11-22,1234.50,1234.50,EUR",
        ]);
        var settings = Path.Combine(_folder, "local.settings.json");
        File.WriteAllText(settings, System.Text.Json.JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = new Dictionary<string, string>
            {
                ["ArFunctions__Email__Mode"] = "Pickup",
                ["ArFunctions__Email__PickupFolder"] = Outbox,
                ["ArFunctions__Email__SenderAddress"] = "DoNotReply@acme.example",
                ["ArFunctions__Email__SenderName"] = "Acme Supplies",
                ["ArFunctions__Email__ArMailbox"] = "ar@acme.example",
                ["ArFunctions__Email__RemitTo"] = "Acme Supplies Inc.|PO Box 100|Springfield, IL 62701",
                ["ArFunctions__Email__PaymentInstructions"] = "ACH to account 123456789; quote the invoice number.",
            },
        }));
        var (exit, output) = await Ar.RunAsync(["import", "--policy", policy, customers, invoices, .. Storage()]);
        Assert.True(exit == 0, output);
        return settings;
    }

    private Task<(int Exit, string Output)> RunAsync(string asOf, string settings) =>
        Ar.RunAsync(["run", "--as-of", asOf, "--process", "--settings", settings, .. Storage()]);

    private string[] Emails() => Directory.Exists(Outbox) ? Directory.GetFiles(Outbox, "*.eml") : [];

    private async Task<MimeMessage> EmailToAsync(string address)
    {
        foreach (var file in Emails())
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == address))
            {
                return message;
            }

            message.Dispose();
        }

        throw new Xunit.Sdk.XunitException($"No email to {address} in {Outbox}.");
    }

    private string[] Storage() => ["--connection-string", azurite.ConnectionString, "--table-prefix", _prefix, "--queue-prefix", _prefix + "-", "--shards", "2"];
}
