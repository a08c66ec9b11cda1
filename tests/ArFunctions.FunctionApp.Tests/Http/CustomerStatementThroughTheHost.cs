using System.Globalization;
using System.Net;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.FunctionApp.Tests.Infrastructure;
using ArFunctions.Storage.Stores;
using CsvHelper;
using UglyToad.PdfPig;

namespace ArFunctions.FunctionApp.Tests.Http;

/// <summary>
/// GET /api/customers/{id}/statement through the host: the PDF's text and the CSV's rows list the open invoices; a
/// collector gets only their own customers' statements; a bad format or date is a problem+json 400.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CustomerStatementThroughTheHost(AzuriteFixture azurite) : WorkerTestBase(azurite)
{
    private static readonly string Lead = Principals.Of("00000000-0000-0000-0000-0000000001ea", "lena@ar.example.com", "Lead");
    private static readonly string Alice = Principals.Of("00000000-0000-0000-0000-00000000000a", "alice@ar.example.com", "Collector");

    [Fact]
    public async Task ListsTheOpenInvoicesInThePdfGivenALead()
    {
        await SeedAsync();

        var response = await App.SignedIn(Lead).GetAsync("/api/customers/C-ALICE/statement");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"statement-C-ALICE-{Today:yyyy-MM-dd}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("I-A1", text, StringComparison.Ordinal);
        Assert.Contains("I-A2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("I-B1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivesACollectorTheCsvOfTheirOwnCustomerAndRefusesAnotherCollectorsCustomer()
    {
        await SeedAsync();
        var alice = App.SignedIn(Alice);

        var own = await alice.GetAsync("/api/customers/C-ALICE/statement?format=csv");
        var other = await alice.GetAsync("/api/customers/C-BOB/statement?format=csv");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using var csv = new CsvReader(new StringReader(await own.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToArray();
        Assert.Equal(["I-A1", "I-A2"], rows.Where(r => (string)r["section"] == "open-item").Select(r => (string)r["id"]));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("asOf=13/01/2026", "asOf")]
    public async Task AnswersBadRequestNamingTheFieldGivenBadInput(string query, string field)
    {
        await SeedAsync();

        var response = await App.SignedIn(Lead).GetAsync($"/api/customers/C-ALICE/statement?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, (await response.ReadJsonAsync()).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    protected override IDictionary<string, string?>? Settings() => new Dictionary<string, string?> { ["WEBSITE_AUTH_ENABLED"] = "True" };

    private async Task SeedAsync()
    {
        Customer Customer(string id, string collector) =>
            new() { Id = new CustomerId(id), Name = id + " Ltd", CustomerSince = Today.AddYears(-3), AssignedCollector = collector, Contacts = [] };
        Invoice Invoice(string id, string customer, int daysOverdue) => new()
        {
            Id = new InvoiceId(id), CustomerId = new CustomerId(customer), IssueDate = Today.AddDays(-daysOverdue - 30), DueDate = Today.AddDays(-daysOverdue),
            Amount = 1_000m, OpenAmount = 1_000m, Currency = new CurrencyCode("USD"),
        };

        await App.Get<CustomerStore>().UpsertAsync([Customer("C-ALICE", "alice"), Customer("C-BOB", "bob")], CancellationToken.None);
        await App.Get<InvoiceStore>().UpsertAsync([Invoice("I-A1", "C-ALICE", 20), Invoice("I-A2", "C-ALICE", -5), Invoice("I-B1", "C-BOB", 20)], CancellationToken.None);
    }
}
