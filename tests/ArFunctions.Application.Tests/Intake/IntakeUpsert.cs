using ArFunctions.Application.Intake;
using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Common;
using static ArFunctions.Application.Tests.Builders.IntakeData;

namespace ArFunctions.Application.Tests.Intake;

/// <summary>Customers, invoices and payments in one call.</summary>
public class IntakeUpsert
{
    [Fact]
    public async Task AcceptsInvoicesAndPaymentsOfCustomersInTheSameCall()
    {
        var store = new InMemoryIntakeStore();
        var batch = new IntakeBatch
        {
            Customers = [Customer("C-1")],
            Invoices = [Invoice("INV-1", "C-1"), PaidInvoice("INV-2", "C-1")],
            Payments = [Payment("PAY-1", "INV-1", customerId: null), Payment("PAY-2", "INV-2", "C-1") with { Currency = "USD", Amount = 99.99m }],
        };

        var result = await store.Intake().UpsertAsync(batch, CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Equal(5, result.Accepted);
        Assert.Equal((1, 2, 2), (store.Customers.Count, store.Invoices.Count, store.Payments.Count));
        Assert.All(store.Payments.Values, p => Assert.Equal(new CustomerId("C-1"), p.CustomerId));
    }

    [Fact]
    public async Task NamesTheListInErrorPathsAndWritesNothingGivenErrorsInEveryList()
    {
        var store = new InMemoryIntakeStore();
        var batch = new IntakeBatch
        {
            Customers = [Customer("C-1"), Customer("C-2") with { Contacts = [Contact() with { Email = "x" }] }],
            Invoices = [Invoice("INV-1", "C-1"), Invoice("INV-2", "C-404")],
            Payments = [Payment("PAY-1", "INV-404", null), null!],
        };

        var result = await store.Intake().UpsertAsync(batch, CancellationToken.None);

        Assert.Equal(
            ["customers[1].contacts[0].email", "invoices[1].customerId", "payments[0].invoiceId", "payments[1]"],
            result.Errors.Select(e => e.Field));
        Assert.Equal(0, store.WriteCalls);
    }

    [Fact]
    public async Task RejectsTheCallGivenEveryListEmpty()
    {
        var result = await new InMemoryIntakeStore().Intake().UpsertAsync(new IntakeBatch(), CancellationToken.None);

        Assert.Equal(-1, Assert.Single(result.Errors).Index);
    }

    [Fact]
    public async Task RejectsTheListGivenMoreThan1000Records()
    {
        var batch = new IntakeBatch { Customers = Enumerable.Range(0, 1001).Select(i => Customer($"C-{i}")).ToArray() };

        var result = await new InMemoryIntakeStore().Intake().UpsertAsync(batch, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((-1, "customers"), (error.Index, error.Field));
    }
}
