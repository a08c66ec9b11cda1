using ArFunctions.Application.Tasks;
using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Domain.Common;
using ArFunctions.Local;

namespace ArFunctions.Cli.Tests;

/// <summary>
/// The first run on an imported portfolio whose invoices are long overdue: nobody was contacted by us yet, so no
/// "firm" or "final" wording goes out, the past steps are recorded as baseline, and a <c>balanceRank</c> segment holds
/// the biggest account on day 1.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArFirstRunBaseline(AzuriteFixture azurite) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("arfn-baseline-").FullName;
    private readonly string _prefix = AzuriteFixture.UniqueName("base");

    [Fact]
    public async Task SendsNoFirmOrFinalWordingAndRanksKeyAccountsGivenAFirstRunOnOldOverdueInvoices()
    {
        var outbox = Path.Combine(_folder, "outbox");
        var (importExit, import) = await Ar.RunAsync(["import", "--policy", Write("policy.json", Policy), Write("customers.csv", Customers), Write("invoices.csv", Invoices), .. Storage()]);
        var settings = Write("local.settings.json", $$"""
            { "IsEncrypted": false, "Values": { "ArFunctions__Email__Mode": "Pickup", "ArFunctions__Email__PickupFolder": "{{outbox}}", "ArFunctions__Email__SenderName": "Acme Receivables" } }
            """);

        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--process", "--settings", settings, .. Storage()]);
        var (_, explainBig) = await Ar.RunAsync(["explain", "K1", "--from", "2026-12-01", .. Storage()]);
        var (_, explainMid) = await Ar.RunAsync(["explain", "M2", "--from", "2026-12-01", .. Storage()]);

        Assert.True(importExit == 0, import);
        Assert.True(exit == 0, output);
        var emails = Directory.GetFiles(outbox, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Equal(2, emails.Count);
        Assert.All(emails, email =>
        {
            Assert.DoesNotContain("Despite our earlier reminders", email);
            Assert.DoesNotContain("final notice", email);
            Assert.Contains("Our records show the invoices below are past due", email);
        });
        await using var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 2, "", _prefix, queuePrefix: _prefix + "-");
        var letter = Assert.Single((await pipeline.Get<ITaskStore>().GetCustomerTasksAsync(new CustomerId("K1"), CancellationToken.None)).Open);
        Assert.Equal("overdue", letter.Template);
        Assert.Contains("segment key", explainBig);
        Assert.Contains("letter (final, template overdue) for K-1 to cfo: task created", explainBig);
        Assert.Contains("step firm for K-1 not made: already past on the customer's first run (baseline)", explainBig);
        Assert.Contains("segment standard", explainMid);
        Assert.Contains("email (firm, template overdue) for M-1 to ap-clerk: sent", explainMid);
        Assert.Contains("step reminder for M-1 not made: already past on the customer's first run (baseline)", explainMid);
    }

    [Fact]
    public async Task CarriesOnFromTheImportedLastStepGivenAContactHistory()
    {
        var outbox = Path.Combine(_folder, "outbox");
        await Ar.RunAsync(["import", "--policy", Write("policy.json", Policy), Write("customers.csv", Customers), Write("invoices.csv", Invoices), .. Storage()]);
        var history = Write("history.csv", "invoiceId,step,date\nM-1,reminder,2026-11-12\n");
        var settings = Write("local.settings.json", $$"""
            { "IsEncrypted": false, "Values": { "ArFunctions__Email__Mode": "Pickup", "ArFunctions__Email__PickupFolder": "{{outbox}}" } }
            """);

        var (historyExit, historyOutput) = await Ar.RunAsync(["import-history", history, .. Storage()]);
        var (againExit, again) = await Ar.RunAsync(["import-history", history, .. Storage()]);
        var (exit, output) = await Ar.RunAsync(["run", "--as-of", "2026-12-01", "--process", "--settings", settings, .. Storage()]);
        var (_, explain) = await Ar.RunAsync(["explain", "M2", "--from", "2026-12-01", .. Storage()]);

        Assert.True(historyExit == 0, historyOutput);
        Assert.Contains("Recorded the last step of 1 invoice(s): 1 ledger entr(ies) added, 0 already there.", historyOutput);
        Assert.True(againExit == 0, again);
        Assert.Contains("0 ledger entr(ies) added, 1 already there.", again);
        Assert.True(exit == 0, output);
        var emails = Directory.GetFiles(outbox, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Contains(emails, email => email.Contains("cy@fabrikam.example", StringComparison.Ordinal) && email.Contains("Despite our earlier reminders", StringComparison.Ordinal));
        Assert.Contains("step upcoming for M-1 not made: superseded", explain);
        Assert.DoesNotContain("baseline", explain);
    }

    [Fact]
    public async Task WritesNothingAndSuggestsTheStepGivenAHistoryRowWithAMisspeltStepOrUnknownInvoice()
    {
        await Ar.RunAsync(["import", "--policy", Write("policy.json", Policy), Write("customers.csv", Customers), Write("invoices.csv", Invoices), .. Storage()]);
        var history = Write("history.csv", "invoiceId,step,date\nM-1,remider,2026-11-12\nX-9,reminder,2026-11-12\nS-1,reminder,2027-01-01\nK-1,firm,2026-11-10\n");

        var (exit, output) = await Ar.RunAsync(["import-history", history, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("history.csv:2 step: unknown step 'remider', did you mean 'reminder'?", output);
        Assert.Contains("history.csv:3 invoiceId: invoice 'X-9' is not stored: import the invoices first", output);
        Assert.Contains("history.csv:4 date: 2027-01-01 is after today", output);
        Assert.Contains("Nothing imported: 3 error(s).", output);
        Assert.DoesNotContain("history.csv:5", output);
    }

    private const string Policy = """
        {
          "version": "first-run",
          "segments": [
            { "id": "key", "when": { "field": "balanceRank", "op": "<=", "value": 1 }, "strategy": "ladder", "team": "key", "strictness": 1 },
            { "id": "standard", "default": true, "strategy": "ladder" }
          ],
          "strategies": [
            {
              "id": "ladder",
              "steps": [
                { "id": "upcoming", "day": -3, "action": "email", "template": "upcoming" },
                { "id": "reminder", "day": 1, "action": "email", "template": "overdue" },
                { "id": "firm", "day": 15, "action": "email", "template": "firm" },
                { "id": "final", "day": 30, "action": "letter", "template": "final", "contactRole": "cfo" },
                { "id": "escalate", "day": 60, "action": "escalate", "to": "collections-manager" }
              ]
            }
          ],
          "worklist": { "capacityPerCollector": 10, "collectors": [ { "id": "kim", "team": "key" }, { "id": "lee" } ] }
        }
        """;

    private const string Customers = """
        id,name,customerSince,country,contactName,contactRole,contactEmail,contactPhone
        K1,Northwind Traders,2015-03-01,US,Ann Lee,ap-clerk,ann@northwind.example,
        K1,,,,Bob Ray,cfo,cfo@northwind.example,+1 555 100 2000
        M2,Fabrikam Inc,2019-06-01,US,Cy Diaz,ap-clerk,cy@fabrikam.example,
        S3,Contoso LLC,2021-01-15,US,Di Park,ap-clerk,di@contoso.example,
        """;

    private const string Invoices = """
        id,customerId,issueDate,dueDate,amount,openAmount,currency
        K-1,K1,2026-09-22,2026-10-22,48000.00,48000.00,USD
        M-1,M2,2026-10-12,2026-11-11,5200.00,5200.00,USD
        S-1,S3,2026-10-29,2026-11-28,900.00,900.00,USD
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string[] Storage() => ["--connection-string", azurite.ConnectionString, "--table-prefix", _prefix, "--queue-prefix", _prefix + "-", "--shards", "2"];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
