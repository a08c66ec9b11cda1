using ArFunctions.Application.Intake;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tests.Infrastructure;
using static ArFunctions.Storage.Tests.Intake.IntakeRecords;

namespace ArFunctions.Storage.Tests.Intake;

/// <summary>The intake use case on Azurite through the production wiring.</summary>
[Collection(AzuriteCollection.Name)]
public class IntakeUpsertOnTables(AzuriteFixture azurite)
{
    [Fact]
    public async Task StoresAValidBatchThatReadsBackAsSent()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        var customers = Enumerable.Range(0, 30).Select(i => Customer($"C-{i:D2}")).ToArray();
        var invoices = customers.Select((c, i) => Invoice($"INV-{i:D2}", c.Id!)).ToArray();
        var payments = invoices.Select((inv, i) => Payment($"PAY-{i:D2}", inv.Id!)).ToArray();

        var customerResult = await harness.Intake.UpsertCustomersAsync(customers, CancellationToken.None);
        var invoiceResult = await harness.Intake.UpsertInvoicesAsync(invoices, CancellationToken.None);
        var paymentResult = await harness.Intake.UpsertPaymentsAsync(payments, CancellationToken.None);

        Assert.Equal((30, 30, 30), (customerResult.Accepted, invoiceResult.Accepted, paymentResult.Accepted));
        var expectedCustomers = IntakeValidator.ValidateCustomers(customers, IntakeHarness.Today).Records;
        var storedCustomers = (await harness.CustomersAsync()).OrderBy(c => c.Id.Value, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedCustomers.Select(c => c with { Contacts = [] }), storedCustomers.Select(c => c with { Contacts = [] }));
        Assert.Equal(expectedCustomers.SelectMany(c => c.Contacts), storedCustomers.SelectMany(c => c.Contacts));

        var policy = harness.Get<Application.Ports.IPolicySource>().Current;
        var expectedInvoices = IntakeValidator.ValidateInvoices(invoices, policy, IntakeHarness.Today).Records;
        Assert.Equal(expectedInvoices, (await harness.InvoicesAsync()).OrderBy(i => i.Id.Value, StringComparer.Ordinal));
        Assert.Equal(expectedInvoices[7], await harness.Get<InvoiceStore>().FindAsync(new InvoiceId("INV-07"), CancellationToken.None));

        var storedPayments = (await harness.PaymentsAsync()).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(
            Enumerable.Range(0, 30).Select(i => new Payment($"PAY-{i:D2}", new InvoiceId($"INV-{i:D2}"), new CustomerId($"C-{i:D2}"), 499.5m, new CurrencyCode("EUR"), new DateOnly(2025, 3, 1), PaymentMethod.Wire)),
            storedPayments);
    }

    [Fact]
    public async Task StoresCreditsInTheCreditsTableUnderTheirCustomer()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        var batch = new IntakeBatch
        {
            Customers = [Customer("C-1")],
            Invoices = [Invoice("INV-1", "C-1")],
            Credits =
            [
                new CreditInput { Id = "CM-1", CustomerId = "C-1", Kind = "credit-memo", Amount = 450m, Currency = "EUR", On = "2025-03-01", AppliesTo = "INV-1" },
                new CreditInput { Id = "PAY-9", CustomerId = "C-1", Kind = "unapplied-cash", Amount = 75.5m, Currency = "EUR", On = "2025-03-02" },
            ],
        };

        var result = await harness.Intake.UpsertAsync(batch, CancellationToken.None);

        Assert.Equal(4, result.Accepted);
        var stored = await harness.Get<CreditStore>().StreamCustomerAsync(new CustomerId("C-1"), CancellationToken.None).ToListAsync();
        Assert.Equal(
            [
                new Credit("CM-1", new CustomerId("C-1"), CreditKind.CreditMemo, 450m, new CurrencyCode("EUR"), new DateOnly(2025, 3, 1), new InvoiceId("INV-1")),
                new Credit("PAY-9", new CustomerId("C-1"), CreditKind.UnappliedCash, 75.5m, new CurrencyCode("EUR"), new DateOnly(2025, 3, 2)),
            ],
            stored.OrderBy(c => c.Id, StringComparer.Ordinal));
    }

    [Fact]
    public async Task WritesNothingGivenOneBadRecordAmongValidOnes()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        await harness.SeedAsync(new IntakeBatch { Customers = [Customer("C-1")], Invoices = [Invoice("INV-1", "C-1")] });
        var before = await harness.SnapshotAsync();

        var customers = await harness.Intake.UpsertCustomersAsync([Customer("C-2"), Customer("C-3") with { CustomerSince = "2025-03-15" }, Customer("C-1") with { Name = "Renamed" }], CancellationToken.None);
        var invoices = await harness.Intake.UpsertInvoicesAsync([Invoice("INV-2", "C-1"), Invoice("INV-3", "C-1") with { OpenAmount = 5000m }], CancellationToken.None);
        var payments = await harness.Intake.UpsertPaymentsAsync([Payment("PAY-1", "INV-1"), Payment("PAY-2", "INV-1") with { Currency = "JPY" }], CancellationToken.None);
        var combined = await harness.Intake.UpsertAsync(new IntakeBatch { Customers = [Customer("C-4")], Invoices = [Invoice("INV-4", "C-4")], Payments = [Payment("PAY-4", "INV-4") with { Method = "cash" }] }, CancellationToken.None);

        Assert.Equal((1, "customerSince"), (Assert.Single(customers.Errors).Index, customers.Errors[0].Field));
        Assert.Equal((1, "openAmount"), (Assert.Single(invoices.Errors).Index, invoices.Errors[0].Field));
        Assert.Equal((1, "currency"), (Assert.Single(payments.Errors).Index, payments.Errors[0].Field));
        Assert.Equal("payments[0].method", Assert.Single(combined.Errors).Field);
        Assert.Equal(before, await harness.SnapshotAsync());
        Assert.Equal(3, before.Count);
    }

    [Fact]
    public async Task RejectsInvoicesOfAnUnknownCustomerWithTheirIndex()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        await harness.SeedAsync(new IntakeBatch { Customers = [Customer("C-1")] });

        var result = await harness.Intake.UpsertInvoicesAsync(
            [Invoice("INV-1", "C-1"), Invoice("INV-2", "C-2"), Invoice("INV-3", "C-1"), Invoice("INV-4", "C-3")], CancellationToken.None);

        Assert.Equal([(1, "customerId"), (3, "customerId")], result.Errors.Select(e => (e.Index, e.Field)));
        Assert.Contains("'C-2'", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Empty(await harness.InvoicesAsync());
    }

    [Fact]
    public async Task RejectsInvoiceGivenItsIdStoredUnderAnotherCustomer()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        await harness.SeedAsync(new IntakeBatch { Customers = [Customer("C-1"), Customer("C-2")], Invoices = [Invoice("INV-1", "C-1")] });

        var result = await harness.Intake.UpsertInvoicesAsync([Invoice("INV-1", "C-2")], CancellationToken.None);

        Assert.Equal((0, "customerId"), (Assert.Single(result.Errors).Index, result.Errors[0].Field));
        Assert.Equal(new CustomerId("C-1"), Assert.Single(await harness.InvoicesAsync()).CustomerId);
    }

    [Fact]
    public async Task RejectsPaymentsOfAnUnknownInvoiceOrAnotherCustomerWithTheirIndex()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        await harness.SeedAsync(new IntakeBatch { Customers = [Customer("C-1"), Customer("C-2")], Invoices = [Invoice("INV-1", "C-1")] });

        var result = await harness.Intake.UpsertPaymentsAsync(
            [Payment("PAY-1", "INV-1"), Payment("PAY-2", "INV-404"), Payment("PAY-3", "INV-1", "C-2")], CancellationToken.None);

        Assert.Equal([(1, "invoiceId"), (2, "customerId")], result.Errors.Select(e => (e.Index, e.Field)));
        Assert.Empty(await harness.PaymentsAsync());
    }

    [Fact]
    public async Task LeavesTheInvoiceOpenAmountGivenAPayment()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        await harness.SeedAsync(new IntakeBatch { Customers = [Customer("C-1")], Invoices = [Invoice("INV-1", "C-1")] });

        var result = await harness.Intake.UpsertPaymentsAsync([Payment("PAY-1", "INV-1") with { Amount = 700.5m }], CancellationToken.None);

        Assert.True(result.IsAccepted);
        var invoice = Assert.Single(await harness.InvoicesAsync());
        Assert.Equal((InvoiceStatus.Open, 700.5m), (invoice.Status, invoice.OpenAmount));
    }

    [Fact]
    public async Task StoresTheSameRowsGivenTheSameBatchPostedAgain()
    {
        await using var harness = await IntakeHarness.CreateAsync(azurite);
        var batch = new IntakeBatch
        {
            Customers = Enumerable.Range(0, 12).Select(i => Customer($"C-{i}")).ToArray(),
            Invoices = Enumerable.Range(0, 12).Select(i => Invoice($"INV-{i}", $"C-{i}")).ToArray(),
            Payments = Enumerable.Range(0, 12).Select(i => Payment($"PAY-{i}", $"INV-{i}")).ToArray(),
        };

        var first = await harness.Intake.UpsertAsync(batch, CancellationToken.None);
        var afterFirst = (await harness.CustomersAsync(), await harness.InvoicesAsync(), await harness.PaymentsAsync());
        var rowsAfterFirst = await harness.SnapshotAsync();
        var second = await harness.Intake.UpsertAsync(batch, CancellationToken.None);
        var afterSecond = (await harness.CustomersAsync(), await harness.InvoicesAsync(), await harness.PaymentsAsync());

        Assert.Equal((36, 36), (first.Accepted, second.Accepted));
        Assert.Equal(afterFirst.Item1.Select(c => c with { Contacts = [] }), afterSecond.Item1.Select(c => c with { Contacts = [] }));
        Assert.Equal(afterFirst.Item2, afterSecond.Item2);
        Assert.Equal(afterFirst.Item3, afterSecond.Item3);
        Assert.Equal(rowsAfterFirst.Select(KeysOf), (await harness.SnapshotAsync()).Select(KeysOf));
        Assert.Equal(12 * 4, rowsAfterFirst.Count);
    }

    /// <summary>A snapshot row without its ETag: an upsert rewrites the row, so the ETag changes while the keys stay.</summary>
    private static string KeysOf(string row) => row[..row.LastIndexOf(' ')];
}
