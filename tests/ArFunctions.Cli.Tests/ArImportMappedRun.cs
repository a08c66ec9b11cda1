using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Local;
using ArFunctions.Storage.Stores;

namespace ArFunctions.Cli.Tests;

/// <summary><c>arfn import --profile</c> and <c>--map</c>: ERP exports and other layouts read through a mapping, against Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ArImportMappedRun(AzuriteFixture azurite) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ar-import-mapped-").FullName;
    private readonly string _prefix = AzuriteFixture.UniqueName("map");

    [Fact]
    public async Task ImportsTheNetSuiteSampleWithRepeatedContactRowsCreditMemosAndUnappliedCash()
    {
        var (exit, output) = await Ar.RunAsync(["import", "--profile", "netsuite", .. Erp("netsuite", "customers.csv", "transactions.csv", "payments.csv"), .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Imported 12 customers, 30 invoices, 6 payments and 3 credits.", output);
        Assert.True(output.Contains("Left out 1 row(s) the mapping skips and 1 credit(s) with nothing unapplied.", StringComparison.Ordinal), output);
        await using var pipeline = await OpenAsync();
        var contoso = await pipeline.Get<CustomerStore>().GetAsync(new CustomerId("CUST-1001"), CancellationToken.None);
        Assert.Equal(["Pat Garcia", "Casey Silva"], contoso!.Contacts.Select(c => c.Name));
        Assert.Equal(30, contoso.CreditTermsDays);
        Assert.Equal("US", contoso.Country);
        var memo = Assert.Single(await CreditsAsync(pipeline, "CUST-1003"));
        Assert.Equal(("CM1001", CreditKind.CreditMemo, 450.00m), (memo.Id, memo.Kind, memo.Amount));
        var cash = Assert.Single(await CreditsAsync(pipeline, "CUST-1007"));
        Assert.Equal(("PYMT6001", CreditKind.UnappliedCash, 1200.00m), (cash.Id, cash.Kind, cash.Amount));
        var overpaid = Assert.Single(await CreditsAsync(pipeline, "CUST-1002"));
        Assert.Equal(("PYMT5003", CreditKind.UnappliedCash, 100.00m), (overpaid.Id, overpaid.Kind, overpaid.Amount));
        var paid = await pipeline.Get<InvoiceStore>().GetAsync(new CustomerId("CUST-1002"), new InvoiceId("INV20004"), CancellationToken.None);
        Assert.Equal((InvoiceStatus.Paid, 8579.63m, new DateOnly(2026, 11, 29)), (paid!.Status, paid.Amount, paid.PaidOn!.Value));
    }

    [Fact]
    public async Task ImportsTheQuickBooksSampleReadingPastTheReportTitleAndTotalRow()
    {
        var (exit, output) = await Ar.RunAsync(["import", "--profile", "quickbooks", .. Erp("quickbooks", "customer-contact-list.csv", "open-invoices.csv"), .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Imported 12 customers, 24 invoices, 0 payments and 2 credits.", output);
        await using var pipeline = await OpenAsync();
        var memo = Assert.Single(await CreditsAsync(pipeline, "Fabrikam Inc"));
        Assert.Equal(("CM-104", CreditKind.CreditMemo, 325.00m), (memo.Id, memo.Kind, memo.Amount));
        var cash = Assert.Single(await CreditsAsync(pipeline, "Adventure Works"));
        Assert.Equal((CreditKind.UnappliedCash, 1500.00m), (cash.Kind, cash.Amount));
    }

    [Fact]
    public async Task ImportsTheXeroSampleCountingAnInvoiceOfSeveralLineRowsOnce()
    {
        var (exit, output) = await Ar.RunAsync(["import", "--profile", "xero", .. Erp("xero", "contacts.csv", "invoices.csv"), .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Imported 12 customers, 24 invoices, 0 payments and 1 credits.", output);
        await using var pipeline = await OpenAsync();
        var memo = Assert.Single(await CreditsAsync(pipeline, "Contoso Ltd"));
        Assert.Equal(("CN-0007", CreditKind.CreditMemo, 780.00m, new CurrencyCode("GBP")), (memo.Id, memo.Kind, memo.Amount, memo.Currency));
        var contoso = await pipeline.Get<CustomerStore>().GetAsync(new CustomerId("Contoso Ltd"), CancellationToken.None);
        var invoices = await pipeline.Get<InvoiceStore>().StreamCustomerAsync(new CustomerId("Contoso Ltd"), CancellationToken.None).ToListAsync();
        Assert.Equal(invoices.Min(i => i.IssueDate), contoso!.CustomerSince);
    }

    [Fact]
    public async Task ImportsTheBusinessCentralSampleWithCreditsFromTheLedger()
    {
        var (exit, output) = await Ar.RunAsync(["import", "--profile", "business-central", .. Erp("business-central", "customers.csv", "customer-ledger-entries.csv"), .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Imported 12 customers, 30 invoices, 0 payments and 2 credits.", output);
        await using var pipeline = await OpenAsync();
        var memo = Assert.Single(await CreditsAsync(pipeline, "C01002"));
        Assert.Equal(("PSCM-1001", CreditKind.CreditMemo, 1050.00m), (memo.Id, memo.Kind, memo.Amount));
        var cash = Assert.Single(await CreditsAsync(pipeline, "C01009"));
        Assert.Equal(("PMT-1902", CreditKind.UnappliedCash, 2000.00m), (cash.Id, cash.Kind, cash.Amount));
        Assert.True((await pipeline.Get<CustomerStore>().GetAsync(new CustomerId("C01012"), CancellationToken.None))!.Excluded);
    }

    [Fact]
    public async Task ImportsAFifthLayoutThroughAMapFile()
    {
        var map = Write("sage.json", """
            {
              "dates": ["dd.MM.yyyy"],
              "numbers": { "decimal": ",", "thousands": ".", "currencySymbols": ["€", "EUR"] },
              "customers": {
                "columns": { "Kundennr": "id", "Firma": "name", "Kunde seit": "customerSince", "Land": "country", "Zahlungsziel": "creditTermsDays", "Ansprechpartner": "contactName", "E-Mail": "contactEmail" },
                "values": { "creditTermsDays": { "30 Tage netto": "30", "14 Tage netto": "14" } },
                "defaults": { "contactRole": "ap-clerk" }
              },
              "invoices": {
                "columns": { "Belegnr": "id", "Kundennr": "customerId", "Belegdatum": "issueDate", "Fällig": "dueDate", "Betrag": "amount", "Offen": "openAmount", "Währung": "currency", "Art": "type", "Zu Rechnung": "appliesTo" },
                "values": { "type": { "Rechnung": "invoice", "Gutschrift": "credit-memo" } }
              }
            }
            """);
        var customers = Write("kunden.csv",
            "Kundennr,Firma,Kunde seit,Land,Zahlungsziel,Ansprechpartner,E-Mail",
            "K-1,Müller GmbH,01.03.2019,Germany,30 Tage netto,Anna Weber,buchhaltung@mueller.example",
            "K-1,Müller GmbH,01.03.2019,Germany,30 Tage netto,Jonas Klein,jonas@mueller.example",
            "K-2,Schmidt AG,15.06.2021,DE,14 Tage netto,Lea Wolf,lea@schmidt.example");
        var invoices = Write("belege.csv",
            "Belegnr,Kundennr,Belegdatum,Fällig,Betrag,Offen,Währung,Art,Zu Rechnung",
            "RE-1,K-1,02.09.2026,02.10.2026,\"12.345,60 €\",\"12.345,60 €\",EUR,Rechnung,",
            "RE-2,K-2,10.10.2026,24.10.2026,\"980,00\",\"(980,00)\",EUR,Rechnung,",
            "GS-1,K-1,05.10.2026,,\"-1.050,00 €\",\"-1.050,00 €\",EUR,Gutschrift,RE-1");

        var (exit, output) = await Ar.RunAsync(["import", "--map", map, customers, invoices, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("belege.csv:3 Offen (openAmount): -980 is negative", output);

        File.WriteAllText(invoices, File.ReadAllText(invoices).Replace("\"(980,00)\"", "\"980,00\"", StringComparison.Ordinal));
        (exit, output) = await Ar.RunAsync(["import", "--map", map, customers, invoices, .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Imported 2 customers, 2 invoices, 0 payments and 1 credits.", output);
        await using var pipeline = await OpenAsync();
        var credit = Assert.Single(await CreditsAsync(pipeline, "K-1"));
        Assert.Equal((1050.00m, new InvoiceId("RE-1"), new DateOnly(2026, 10, 5)), (credit.Amount, credit.AppliesTo!.Value, credit.On));
        var invoice = await pipeline.Get<InvoiceStore>().GetAsync(new CustomerId("K-1"), new InvoiceId("RE-1"), CancellationToken.None);
        Assert.Equal((12345.60m, new DateOnly(2026, 10, 2)), (invoice!.Amount, invoice.DueDate));
        var muller = await pipeline.Get<CustomerStore>().GetAsync(new CustomerId("K-1"), CancellationToken.None);
        Assert.Equal(("DE", 2), (muller!.Country, muller.Contacts.Count));
    }

    [Fact]
    public async Task SuggestsTheNearestColumnGivenANearMissHeader()
    {
        var customers = Write("customers.csv", "id,name,customerSince,contactEmial", "C1,Contoso,2020-01-01,ap@contoso.example");

        var (exit, output) = await Ar.RunAsync(["import", customers, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("customers.csv:1 contactEmial: unknown column 'contactEmial', did you mean 'contactEmail'?", output);
    }

    [Fact]
    public async Task SuggestsTheProfilesHeaderGivenANearMissInAnErpExport()
    {
        var customers = Write("customers.csv", "ID,Company Nme,Date Created", "CUST-1,Contoso,1/2/2020");

        var (exit, output) = await Ar.RunAsync(["import", "--profile", "netsuite", customers, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("customers.csv:1 Company Nme: unknown column 'Company Nme', did you mean 'Company Name'?", output);
    }

    [Fact]
    public async Task ListsTheColumnsGivenAnUnknownHeaderNothingIsCloseTo()
    {
        var customers = Write("customers.csv", "id,name,customerSince,shoeSize", "C1,Contoso,2020-01-01,44");

        var (exit, output) = await Ar.RunAsync(["import", customers, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("customers.csv:1 shoeSize: unknown column; the columns are id, name, country,", output);
    }

    [Fact]
    public async Task NamesTheSourceHeaderAndLineGivenAValueTheProfileCannotRead()
    {
        var invoices = Write("transactions.csv",
            "Type,Document Number,Customer ID,Date,Due Date/Receive By,Amount,Amount Remaining,Currency",
            "Invoice,INV1,CUST-1,9/24/2026,10/24/2026,\"$2,696.57\",\"$2,69.57\",USA",
            "Invoice,INV2,CUST-1,2026-09-24,10/24/2026,$10.00,$10.00,USA");

        var (exit, output) = await Ar.RunAsync(["import", "--profile", "netsuite", "--invoices", invoices, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("transactions.csv:2 Amount Remaining (openAmount): '$2,69.57' is not a number such as 1,234.50", output);
        Assert.Contains("transactions.csv:3 Date (issueDate): '2026-09-24' is not a date in the form M/d/yyyy", output);
    }

    [Fact]
    public async Task AcceptsIdenticalRepeatedCustomerRowsAndRefusesConflictingOnesNamingBothLines()
    {
        var header = "id,name,customerSince,country,contactName,contactRole,contactEmail";
        var identical = Write("same.csv", header,
            "C1,Contoso,2020-01-01,US,Pat Garcia,ap-clerk,pat@contoso.example",
            "C1,Contoso,2020-01-01,US,Sam Smith,cfo,sam@contoso.example",
            "C1,Contoso,2020-01-01,US,Sam Smith,cfo,sam@contoso.example");
        var conflicting = Write("conflict.csv", header,
            "C2,Fabrikam,2020-01-01,US,Pat Garcia,ap-clerk,pat@fabrikam.example",
            "C2,Fabrikam Inc,2020-01-01,US,Sam Smith,cfo,sam@fabrikam.example");

        var (exit, output) = await Ar.RunAsync(["import", identical, .. Storage()]);
        var (conflictExit, conflictOutput) = await Ar.RunAsync(["import", conflicting, .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.Contains("Imported 1 customers, 0 invoices, 0 payments and 0 credits.", output);
        await using var pipeline = await OpenAsync();
        Assert.Equal(2, (await pipeline.Get<CustomerStore>().GetAsync(new CustomerId("C1"), CancellationToken.None))!.Contacts.Count);
        Assert.Equal(1, conflictExit);
        Assert.Contains("conflict.csv:3 name: customer 'C2' is on line 2 with name 'Fabrikam', here 'Fabrikam Inc'", conflictOutput);
    }

    [Fact]
    public async Task ExitsNonZeroGivenSkipInvalidAndNothingLeftToImport()
    {
        var customers = Write("customers.csv", "id,nmae,customerSince", "C1,Contoso,2020-01-01");

        var (exit, output) = await Ar.RunAsync(["import", customers, "--skip-invalid", .. Storage()]);

        Assert.Equal(1, exit);
        Assert.Contains("Nothing imported: no row is left to import (2 error(s) listed above).", output);
        Assert.DoesNotContain("Imported", output);
    }

    [Fact]
    public async Task RefusesAnUnknownProfileSuggestingTheNearest()
    {
        var customers = Write("customers.csv", "id,name,customerSince", "C1,Contoso,2020-01-01");

        var (exit, output) = await Ar.RunAsync(["import", "--profile", "netsuit", customers, .. Storage()]);

        Assert.Equal(2, exit);
        Assert.Contains("unknown profile 'netsuit', did you mean 'netsuite'?", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string[] Erp(string profile, params string[] files) => [.. files.Select(f => Path.Combine(Ar.Samples, "erp", profile, f))];

    private string[] Storage() => ["--policy", Ar.SamplePolicy, "--connection-string", azurite.ConnectionString, "--table-prefix", _prefix];

    private Task<LocalPipeline> OpenAsync() => LocalPipeline.StartAsync(azurite.ConnectionString, 64, Ar.SamplePolicy, _prefix);

    private static async Task<List<Credit>> CreditsAsync(LocalPipeline pipeline, string customerId) =>
        await pipeline.Get<CreditStore>().StreamCustomerAsync(new CustomerId(customerId), CancellationToken.None).ToListAsync();

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
