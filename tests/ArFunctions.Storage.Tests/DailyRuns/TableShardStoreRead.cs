using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Emails;
using ArFunctions.Storage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArFunctions.Storage.Tests.DailyRuns;

[Collection(AzuriteCollection.Name)]
public class TableShardStoreRead(AzuriteFixture azurite)
{
    private static readonly DateOnly AsOf = new(2026, 11, 2);

    [Fact]
    public async Task GivesEachCustomerItsOwnCreditsGivenCreditsOfSeveralCustomersInTheShard()
    {
        var stores = new StoreHarness(azurite);
        var shards = new TableShardStore(stores.Tables, stores.Sharding, stores.Ledger, new TableRunStore(stores.Tables), NullLogger<TableShardStore>.Instance);
        var (first, second) = TwoCustomersOfOneShard(stores.Sharding);
        await stores.Customers.UpsertAsync([Customer(first), Customer(second)], CancellationToken.None);
        await stores.Credits.UpsertAsync(
        [
            new Credit("CM-1", first, CreditKind.CreditMemo, 100m, new CurrencyCode("USD"), AsOf, new InvoiceId("I-1")),
            new Credit("UC-1", first, CreditKind.UnappliedCash, 50m, new CurrencyCode("USD"), AsOf),
            new Credit("OP-1", second, CreditKind.Overpayment, 20m, new CurrencyCode("EUR"), AsOf.AddDays(-3)),
        ], CancellationToken.None);

        var snapshot = await shards.ReadAsync(stores.Sharding.ShardOf(first), AsOf, CancellationToken.None);
        var account = await new TableActionOutcomeStore(stores.Tables, shards, stores.Customers, stores.Invoices, stores.Credits, stores.Interactions)
            .GetAsync(second, [], CancellationToken.None);

        var byCustomer = snapshot.Customers.ToDictionary(c => c.Customer.Id, c => c.Credits.Select(k => $"{k.Id} {k.Kind} {k.Amount} {k.AppliesTo?.Value}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["CM-1 CreditMemo 100 I-1", "UC-1 UnappliedCash 50 "], byCustomer[first]);
        Assert.Equal(["OP-1 Overpayment 20 "], byCustomer[second]);
        Assert.Equal(("OP-1", 20m), (Assert.Single(account!.Credits).Id, account.Credits[0].Amount));
    }

    private static (CustomerId First, CustomerId Second) TwoCustomersOfOneShard(Sharding sharding)
    {
        var first = new CustomerId("C-1");
        var second = Enumerable.Range(2, 100).Select(i => new CustomerId("C-" + i)).First(c => sharding.ShardOf(c) == sharding.ShardOf(first));
        return (first, second);
    }

    private static Customer Customer(CustomerId id) => new()
    {
        Id = id,
        Name = "Customer " + id.Value,
        Country = "US",
        Industry = "retail",
        Type = "smb",
        CustomerSince = new DateOnly(2020, 1, 1),
    };
}
