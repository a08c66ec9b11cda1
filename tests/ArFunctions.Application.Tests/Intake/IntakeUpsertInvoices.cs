using ArFunctions.Application.Intake;
using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

public class IntakeUpsertInvoices
{
    [Fact]
    public async Task WritesEveryInvoiceGivenStoredCustomers()
    {
        var store = StoreWith("C-1", "C-2");

        var result = await store.Intake().UpsertInvoicesAsync([Invoice("INV-1", "C-1"), Invoice("INV-2", "C-2")], CancellationToken.None);

        Assert.Equal(2, result.Accepted);
        Assert.Equal(["INV-1", "INV-2"], store.Invoices.Values.Select(i => i.Id.Value));
    }

    [Fact]
    public async Task RejectsInvoiceGivenUnknownCustomerWritingNothing()
    {
        var store = StoreWith("C-1");

        var result = await store.Intake().UpsertInvoicesAsync([Invoice("INV-1", "C-1"), Invoice("INV-2", "C-404")], CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new IntakeError(1, "customerId", "no customer 'C-404' is stored or in this call: send the customer first"), error);
        Assert.Empty(store.Invoices);
    }

    [Fact]
    public async Task RejectsInvoiceGivenItsIdStoredUnderAnotherCustomer()
    {
        var store = StoreWith("C-1", "C-2");
        store.Add(Stored("INV-1", "C-1"));

        var result = await store.Intake().UpsertInvoicesAsync([Invoice("INV-1", "C-2")], CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "customerId"), (error.Index, error.Field));
        Assert.Contains("belongs to customer 'C-1'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplacesTheInvoiceGivenItsIdStoredUnderTheSameCustomer()
    {
        var store = StoreWith("C-1");
        store.Add(Stored("INV-1", "C-1"));

        var result = await store.Intake().UpsertInvoicesAsync([PaidInvoice("INV-1", "C-1")], CancellationToken.None);

        Assert.True(result.IsAccepted);
        Assert.Equal(InvoiceStatus.Paid, Assert.Single(store.Invoices.Values).Status);
    }

    [Fact]
    public async Task ReportsValidationAndReferenceErrorsTogetherInIndexOrder()
    {
        var store = StoreWith("C-1");
        InvoiceInput[] batch = [Invoice("INV-1", "C-404"), Invoice("INV-2", "C-1") with { Currency = "XXX" }, Invoice("INV-3", "C-405") with { DueDate = "2020-01-01" }];

        var result = await store.Intake().UpsertInvoicesAsync(batch, CancellationToken.None);

        Assert.Equal([(0, "customerId"), (1, "currency"), (2, "dueDate"), (2, "customerId")], result.Errors.Select(e => (e.Index, e.Field)));
        Assert.Equal(0, store.WriteCalls);
    }

    private static InMemoryIntakeStore StoreWith(params string[] customerIds)
    {
        var store = new InMemoryIntakeStore();
        store.Add(customerIds.Select(id => new Customer { Id = new CustomerId(id), Name = id }).ToArray());
        return store;
    }

    private static Invoice Stored(string id, string customerId) => new()
    {
        Id = new InvoiceId(id),
        CustomerId = new CustomerId(customerId),
        IssueDate = new DateOnly(2025, 1, 1),
        DueDate = new DateOnly(2025, 1, 31),
        Amount = 10m,
        OpenAmount = 10m,
        Currency = new CurrencyCode("USD"),
    };
}
