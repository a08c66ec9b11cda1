using ArFunctions.Application.Intake;
using ArFunctions.Domain.Common;
using ArFunctions.Storage.Tests.Infrastructure;
using static ArFunctions.Storage.Tests.Intake.IntakeRecords;

namespace ArFunctions.Storage.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public class TableIntakeStoreFind(AzuriteFixture azurite)
{
    [Fact]
    public async Task FindsOnlyStoredCustomersAndTheOwnersOfStoredInvoices()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        await harness.SeedAsync(new IntakeBatch
        {
            Customers = Enumerable.Range(0, 40).Select(i => Customer($"C-{i}")).ToArray(),
            Invoices = Enumerable.Range(0, 40).Select(i => Invoice($"INV-{i}", $"C-{i % 7}")).ToArray(),
        });
        var store = harness.Get<IIntakeStore>();

        var customers = await store.FindExistingCustomersAsync([.. Enumerable.Range(35, 10).Select(i => new CustomerId($"C-{i}"))], CancellationToken.None);
        var owners = await store.FindInvoiceOwnersAsync([new InvoiceId("INV-9"), new InvoiceId("INV-39"), new InvoiceId("INV-40")], CancellationToken.None);

        Assert.Equal(Enumerable.Range(35, 5).Select(i => new CustomerId($"C-{i}")).ToHashSet(), customers.ToHashSet());
        Assert.Equal(
            new Dictionary<InvoiceId, CustomerId> { [new InvoiceId("INV-9")] = new CustomerId("C-2"), [new InvoiceId("INV-39")] = new CustomerId("C-4") },
            owners);
    }
}
