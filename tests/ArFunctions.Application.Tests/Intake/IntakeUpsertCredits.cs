using ArFunctions.Application.Intake;
using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

public class IntakeUpsertCredits
{
    [Fact]
    public async Task StoresACreditMemoWithItsUnappliedAmountGivenAStoredCustomerAndInvoice()
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-1", withCustomer: true);

        var result = await store.Intake().UpsertCreditsAsync([CreditMemo("CM-1", "C-1", appliesTo: "INV-1")], CancellationToken.None);

        Assert.Equal(1, result.Accepted);
        var credit = Assert.Single(store.Credits.Values);
        Assert.Equal(
            new Credit("CM-1", new CustomerId("C-1"), CreditKind.CreditMemo, 150.00m, new CurrencyCode("EUR"), new DateOnly(2025, 3, 1), new InvoiceId("INV-1")),
            credit);
    }

    [Theory]
    [InlineData("overpayment", "kind")]
    [InlineData("refund", "kind")]
    public async Task RejectsAKindIntakeDoesNotTake(string kind, string field)
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-1", withCustomer: true);

        var result = await store.Intake().UpsertCreditsAsync([CreditMemo() with { Kind = kind }], CancellationToken.None);

        Assert.Equal(field, Assert.Single(result.Errors).Field);
        Assert.Equal(0, store.WriteCalls);
    }

    [Fact]
    public async Task RejectsACreditWithNothingUnapplied()
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-1", withCustomer: true);

        var result = await store.Intake().UpsertCreditsAsync([CreditMemo() with { Amount = 0m }], CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal("amount", error.Field);
        Assert.Empty(store.Credits);
    }

    [Fact]
    public async Task RejectsACreditGivenAnUnknownCustomerOrAnotherCustomersInvoice()
    {
        var store = InMemoryIntakeStore.WithInvoice("INV-1", "C-1", withCustomer: true);
        store.Add(new Domain.Customers.Customer { Id = new CustomerId("C-2"), Name = "Other", CustomerSince = new DateOnly(2020, 1, 1) });

        var result = await store.Intake().UpsertCreditsAsync(
            [CreditMemo("CM-1", "C-404"), CreditMemo("CM-2", "C-2", appliesTo: "INV-1"), CreditMemo("CM-3", "C-1", appliesTo: "INV-404")], CancellationToken.None);

        Assert.Equal(
            [(0, "customerId"), (1, "appliesTo"), (2, "appliesTo")],
            result.Errors.Select(e => (e.Index, e.Field)));
        Assert.Equal("invoice 'INV-1' belongs to customer 'C-1', not 'C-2'", result.Errors[1].Reason);
        Assert.Equal(0, store.WriteCalls);
    }

    [Fact]
    public async Task AcceptsUnappliedCashOfACustomerInTheSameBatch()
    {
        var store = new InMemoryIntakeStore();
        var batch = new IntakeBatch
        {
            Customers = [Customer("C-1")],
            Invoices = [Invoice("INV-1", "C-1")],
            Credits = [CreditMemo("CM-1", "C-1", appliesTo: "INV-1"), CreditMemo("PAY-9", "C-1") with { Kind = "unapplied-cash", Amount = 75m }],
        };

        var result = await store.Intake().UpsertAsync(batch, CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Accepted);
        Assert.Equal([CreditKind.CreditMemo, CreditKind.UnappliedCash], store.Credits.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Kind));
    }
}
