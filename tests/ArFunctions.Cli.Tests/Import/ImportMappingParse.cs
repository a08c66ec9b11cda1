using ArFunctions.Cli.Import;

namespace ArFunctions.Cli.Tests.Import;

public class ImportMappingParse
{
    [Theory]
    [InlineData("netsuite")]
    [InlineData("quickbooks")]
    [InlineData("xero")]
    [InlineData("business-central")]
    [InlineData("NetSuite")]
    public void LoadsEveryShippedProfile(string name)
    {
        var (mapping, problem) = ImportMapping.Profile(name);

        Assert.Null(problem);
        Assert.NotEmpty(mapping!.Customers.Columns);
        Assert.NotEmpty(mapping.Invoices.Columns);
    }

    [Fact]
    public void SuggestsTheCanonicalColumnGivenAMisspeltTarget()
    {
        var (mapping, problem) = ImportMapping.Parse("""{ "invoices": { "columns": { "Total": "ammount" } } }""", "my.json");

        Assert.Null(mapping);
        Assert.Equal("my.json: invoices: unknown column 'ammount', did you mean 'amount'?", problem);
    }

    [Fact]
    public void RefusesAPropertyTheFormatDoesNotHave()
    {
        var (mapping, problem) = ImportMapping.Parse("""{ "dateFormat": "M/d/yyyy" }""", "my.json");

        Assert.Null(mapping);
        Assert.Contains("dateFormat", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsATargetOfSeveralColumns()
    {
        var (mapping, _) = ImportMapping.Parse("""{ "customers": { "columns": { "Customer": ["id", "name"] } } }""", "my.json");

        Assert.Equal(["id", "name"], mapping!.Customers.Columns["Customer"]);
    }
}
