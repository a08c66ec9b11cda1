using ArFunctions.Application.Intake;
using ArFunctions.Cli.Tests.Infrastructure;
using ArFunctions.Domain.Common;
using ArFunctions.Local;

namespace ArFunctions.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class ArImportRun(AzuriteFixture azurite) : IDisposable
{
    private const string Header = "id,name,customerSince,creditScore,country,contactName,contactRole,contactEmail";

    private readonly string _folder = Directory.CreateTempSubdirectory("ar-import-test-").FullName;
    private readonly string _prefix = AzuriteFixture.UniqueName("imp");

    [Fact]
    public async Task ImportsEveryRowGivenTheCommittedSamples()
    {
        var (exit, output) = await Ar.RunAsync(
            ["import", Path.Combine(Ar.Samples, "customers.csv"), Path.Combine(Ar.Samples, "invoices.csv"), Path.Combine(Ar.Samples, "payments.csv"),
            .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.True(output.Contains("Imported 200 customers, 2315 invoices, 1555 payments and 0 credits.", StringComparison.Ordinal), output);
        Assert.Equal(["C000001", "C000200"], await StoredCustomersAsync("C000001", "C000200", "C000201"));
    }

    [Fact]
    public async Task ListsFileLineAndFieldAndImportsNothingGivenABadRow()
    {
        var (customers, invoices) = WriteFilesWithErrors();

        var (exit, output) = await Ar.RunAsync(["import", "--customers", customers, "--invoices", invoices, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.True(output.Contains("customers.csv:3 creditScore: 'high' is not a whole number", StringComparison.Ordinal), output);
        Assert.True(output.Contains("customers.csv:5 contactEmail:", StringComparison.Ordinal), output);
        Assert.True(output.Contains("invoices.csv:3 customerId: customer 'C2' is not imported: its row customers.csv:3 is invalid", StringComparison.Ordinal), output);
        Assert.True(output.Contains("Nothing imported: 4 error(s)", StringComparison.Ordinal), output);
        Assert.Empty(await StoredCustomersAsync("C1", "C2", "C3"));
    }

    [Fact]
    public async Task ImportsTheValidRowsAndListsTheInvalidOnesGivenSkipInvalid()
    {
        var (customers, invoices) = WriteFilesWithErrors();

        var (exit, output) = await Ar.RunAsync(
            ["import", customers, invoices, "--skip-invalid", .. Storage()]);

        Assert.True(exit == 0, output);
        Assert.True(output.Contains("customers.csv:3 creditScore: 'high' is not a whole number", StringComparison.Ordinal), output);
        Assert.Contains("Imported 1 customers, 1 invoices, 0 payments and 0 credits; skipped the rows with the 4 error(s) listed above.", output);
        Assert.Equal(["C1"], await StoredCustomersAsync("C1", "C2", "C3"));
    }

    [Fact]
    public async Task RefusesAnAmountPastTheSharedLimitNamingLineAndFieldAndImportsNothing()
    {
        var customers = Path.Combine(_folder, "customers.csv");
        File.WriteAllLines(customers, [Header, "C1,Contoso,2020-01-01,70,US,Pat Garcia,ap-clerk,pat@example.com"]);
        var invoices = Path.Combine(_folder, "invoices.csv");
        File.WriteAllLines(invoices,
        [
            "id,customerId,issueDate,dueDate,amount,openAmount,currency",
            "INV-1,C1,2026-10-01,2026-10-31,79228162514264337593543950335,100.00,USD",
        ]);

        var (exit, output) = await Ar.RunAsync(["import", customers, invoices, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.True(output.Contains("invoices.csv:2 amount: 79228162514264337593543950335 is more than the largest amount accepted (1000000000000)", StringComparison.Ordinal), output);
        Assert.Empty(await StoredCustomersAsync("C1"));
    }

    [Fact]
    public async Task RefusesALineBreakInANameAndTheCommaAddressNamingLineAndColumn()
    {
        var customers = Path.Combine(_folder, "customers.csv");
        File.WriteAllText(customers, Header + "\n" + "C1,\"Contoso\r\nBcc: eve@evil.example\",2020-01-01,70,US,Pat Garcia,ap-clerk,pat@example.com\n"
            + "C2,Fabrikam,2020-01-01,70,US,Sam Smith,ap-clerk,\"a,evil<x>@example.com\"\n");

        var (exit, output) = await Ar.RunAsync(["import", "--customers", customers, .. Storage()]);

        Assert.Equal(1, exit);
        Assert.True(output.Contains("customers.csv:2 name: must not contain control characters or line breaks (U+000D)", StringComparison.Ordinal), output);
        Assert.True(output.Contains("customers.csv:4 contactEmail: 'a,evil<x>@example.com' is not one email address", StringComparison.Ordinal), output);
        Assert.Empty(await StoredCustomersAsync("C1", "C2"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The fresh storage of this test, with the sample policy to save as the policy in force.</summary>
    private string[] Storage() => ["--policy", Ar.SamplePolicy, "--connection-string", azurite.ConnectionString, "--table-prefix", _prefix];

    /// <summary>C1 valid; C2 with a bad credit score (line 3); C3 with a bad country (line 4) and a bad email on its second contact (line 5); an invoice each for C1 and C2.</summary>
    private (string Customers, string Invoices) WriteFilesWithErrors()
    {
        var customers = Path.Combine(_folder, "customers.csv");
        File.WriteAllLines(customers,
        [
            Header,
            "C1,Contoso,2020-01-01,70,US,Pat Garcia,ap-clerk,pat@example.com",
            "C2,Fabrikam,2020-01-01,high,DE,Sam Smith,ap-clerk,sam@example.com",
            "C3,Northwind,2020-01-01,50,Germany,Kim Rossi,ap-clerk,kim@example.com",
            "C3,,,,,Alex Silva,cfo,not-an-email",
        ]);
        var invoices = Path.Combine(_folder, "invoices.csv");
        File.WriteAllLines(invoices,
        [
            "id,customerId,issueDate,dueDate,amount,openAmount,currency",
            "INV-1,C1,2026-10-01,2026-10-31,100.00,100.00,USD",
            "INV-2,C2,2026-10-01,2026-10-31,200.00,200.00,USD",
        ]);
        return (customers, invoices);
    }

    private async Task<string[]> StoredCustomersAsync(params string[] ids)
    {
        await using var pipeline = await LocalPipeline.StartAsync(azurite.ConnectionString, 64, Ar.SamplePolicy, _prefix);
        var found = await pipeline.Get<IIntakeStore>().FindExistingCustomersAsync([.. ids.Select(id => new CustomerId(id))], CancellationToken.None);
        return [.. found.Select(id => id.Value).Order(StringComparer.Ordinal)];
    }
}
