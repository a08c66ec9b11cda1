using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Common;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

public class IntakeUpsertPayments
{
    [Fact]
    public async Task WritesThePaymentUnderTheInvoicesCustomerGivenNoCustomerId()
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-7");

        var result = await store.Intake().UpsertPaymentsAsync([Payment("PAY-1", "INV-1", customerId: null)], CancellationToken.None);

        Assert.Equal(1, result.Accepted);
        Assert.Equal(new CustomerId("C-7"), Assert.Single(store.Payments.Values).CustomerId);
    }

    [Fact]
    public async Task LeavesTheInvoicesOpenAmountAsItIs()
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-7");
        var before = store.Invoices.Values.Single();

        await store.Intake().UpsertPaymentsAsync([Payment("PAY-1", "INV-1", "C-7") with { Amount = 10m, Currency = "USD" }], CancellationToken.None);

        Assert.Same(before, store.Invoices.Values.Single());
    }

    [Fact]
    public async Task RejectsPaymentGivenUnknownInvoice()
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-7");

        var result = await store.Intake().UpsertPaymentsAsync([Payment("PAY-1", "INV-1", "C-7"), Payment("PAY-2", "INV-404", null)], CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((1, "invoiceId"), (error.Index, error.Field));
        Assert.Empty(store.Payments);
    }

    [Fact]
    public async Task RejectsPaymentGivenCustomerOtherThanTheInvoices()
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-7");

        var result = await store.Intake().UpsertPaymentsAsync([Payment("PAY-1", "INV-1", "C-8")], CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((0, "customerId"), (error.Index, error.Field));
        Assert.Equal("is 'C-8' but invoice 'INV-1' belongs to customer 'C-7'", error.Reason);
        Assert.Equal(0, store.WriteCalls);
    }
}
