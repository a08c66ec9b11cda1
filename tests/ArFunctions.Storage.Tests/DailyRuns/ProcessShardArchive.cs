using ArFunctions.Application.Customers;
using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Samples;
using ArFunctions.Storage.Stores;
using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.DailyRuns;

/// <summary>The daily run moving closed history to the archive tables (ADR 0002, "Archive tables").</summary>
[Collection(AzuriteCollection.Name)]
public class ProcessShardArchive(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 11, 23);

    [Fact]
    public async Task MovesTheLedgerRowsOfAPaidInvoiceToTheArchiveAndKeepsTheInvoiceAndTheRowsOfOpenOnes()
    {
        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 2);
        await harness.SeedAsync(Portfolio(seed: 11));
        await harness.RunDayAsync(Day);
        var firstDay = await harness.LedgerAsync();
        var paying = PaidInvoices(firstDay);
        await harness.MarkPaidAsync(await InvoicesAsync(harness, paying), Day);

        var run = await harness.RunDayAsync(Day.AddDays(1));

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.NotEmpty(paying);
        var hot = await harness.LedgerAsync();
        var archived = await RowKeysAsync(harness, StorageTables.LedgerArchive);
        Assert.DoesNotContain(hot, r => paying.Contains(r.InvoiceId));
        Assert.Equal(firstDay.Where(r => paying.Contains(r.InvoiceId)).Select(r => r.RowKey).Order(), archived.Order());
        Assert.Contains(hot, r => !paying.Contains(r.InvoiceId) && firstDay.Any(f => f.RowKey == r.RowKey));
        var invoices = await RowKeysAsync(harness, StorageTables.Invoices);
        Assert.All(paying, id => Assert.Contains(invoices, k => k.EndsWith("|" + id.Value, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task DoesNotDoAStepAgainForAnInvoiceOpenedAgainAfterItsLedgerRowsWentToTheArchive()
    {
        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 2);
        await harness.SeedAsync(Portfolio(seed: 12));
        await harness.RunDayAsync(Day);
        var firstDay = await harness.LedgerAsync();
        var reopening = PaidInvoices(firstDay);
        var originals = await InvoicesAsync(harness, reopening);
        await harness.MarkPaidAsync(originals, Day);
        await harness.RunDayAsync(Day.AddDays(1));
        Assert.Equal(firstDay.Where(r => reopening.Contains(r.InvoiceId)).Select(r => r.RowKey).Order(), (await RowKeysAsync(harness, StorageTables.LedgerArchive)).Order());

        // The payments are reversed: the invoices are open again for their whole amount.
        await harness.Get<InvoiceStore>().UpsertAsync(originals, CancellationToken.None);
        await DeleteAsync(harness, StorageTables.Payments, originals.Select(i => i.CustomerId.Value + "|PAY-" + i.Id.Value));
        await harness.RunDayAsync(Day.AddDays(2));

        var actions = (await harness.ActionsAsync()).Where(a => a.Status != ActionStatus.Skipped).ToArray();
        var twice = actions.SelectMany(a => a.Steps.Select(s => (Step: s, a.ActionId))).GroupBy(s => s.Step).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        Assert.Empty(twice);
        var restored = (await harness.LedgerAsync()).ToDictionary(r => r.RowKey);
        // Each first-day step the third day's ladder met again is back in the ledger with its first action (a customer
        // whose segment moved has a new strategy version, whose ladder starts afresh with other keys).
        var metAgain = firstDay.Where(r => r.Outcome == "fired" && reopening.Contains(r.InvoiceId) && restored.ContainsKey(r.RowKey)).ToArray();
        Assert.NotEmpty(metAgain);
        Assert.All(metAgain, r => Assert.Equal((r.ActionId, r.On), (restored[r.RowKey].ActionId, restored[r.RowKey].On)));
        Assert.Contains(actions, a => a.AsOf == Day.AddDays(2) && a.Invoices.Any(i => reopening.Contains(new InvoiceId(i))));
    }

    [Fact]
    public async Task ArchivesAnInvoiceClosedBeforeTheHistoryWindowWithItsPaymentAndTheCustomerDetailStillShowsThem()
    {
        await using var harness = await DailyRunHarness.CreateAsync(azurite, shardCount: 2);
        var portfolio = Portfolio(seed: 13);
        var customer = portfolio.Customers[0];
        var old = portfolio.Invoices.First(i => i.CustomerId == customer.Id) with
        {
            Id = new InvoiceId("OLD-1"),
            IssueDate = Day.AddDays(-480),
            DueDate = Day.AddDays(-450),
            Status = InvoiceStatus.Paid,
            OpenAmount = 0m,
            PaidOn = Day.AddDays(-401),
        };
        var cancelled = old with { Id = new InvoiceId("OLD-2"), Status = InvoiceStatus.Cancelled, PaidOn = null };
        var recent = old with { Id = new InvoiceId("RECENT-1"), PaidOn = Day.AddDays(-399) };
        await harness.SeedAsync(portfolio, c => c == customer.Id, i => i);
        await harness.Get<InvoiceStore>().UpsertAsync([old, cancelled, recent], CancellationToken.None);
        await harness.Get<PaymentStore>().UpsertAsync(
            [new Payment("PAY-OLD-1", old.Id, customer.Id, old.Amount, old.Currency, Day.AddDays(-401), customer.PaymentMethod)], CancellationToken.None);
        await harness.Get<InteractionStore>().UpsertAsync(
            [new Interaction(customer.Id, Day.AddDays(-420), InteractionKind.Call, InteractionOutcome.NoAnswer, "long ago")], CancellationToken.None);

        await harness.RunDayAsync(Day);

        var prefix = customer.Id.Value + "|";
        Assert.Equal([prefix + "OLD-1", prefix + "OLD-2"], (await RowKeysAsync(harness, StorageTables.InvoicesArchive)).Order());
        var live = await RowKeysAsync(harness, StorageTables.Invoices);
        Assert.Contains(prefix + "RECENT-1", live);
        Assert.DoesNotContain(prefix + "OLD-1", live);
        Assert.Equal([prefix + "PAY-OLD-1"], await RowKeysAsync(harness, StorageTables.PaymentsArchive));
        Assert.Single(await RowKeysAsync(harness, StorageTables.InteractionsArchive));
        var detail = await harness.Get<ICustomerRecordStore>().GetAsync(customer.Id, CancellationToken.None);
        Assert.Contains(detail!.Invoices, i => i.Id.Value == "OLD-1" && i.PaidOn == Day.AddDays(-401));
        Assert.Contains(detail.Invoices, i => i.Id.Value == "RECENT-1");
        Assert.Contains(detail.Payments, p => p.Id == "PAY-OLD-1");
        Assert.Contains(detail.Interactions, i => i.Note == "long ago");
    }

    private static Portfolio Portfolio(int seed) => PortfolioGenerator.Generate(new PortfolioOptions
    {
        Customers = 40,
        OpenInvoicesPerCustomer = 3,
        PaidInvoicesPerCustomer = 3,
        Seed = seed,
        AsOf = Day,
        DisputeShare = 0,
        PromiseShare = 0,
    });

    /// <summary>Half of the invoices with a fired step, at most ten.</summary>
    private static HashSet<InvoiceId> PaidInvoices(IEnumerable<LedgerRow> ledger) =>
        [.. ledger.Where(r => r.Outcome == "fired").Select(r => r.InvoiceId).Distinct().Where((_, i) => i % 2 == 0).Take(10)];

    private static async Task<Invoice[]> InvoicesAsync(DailyRunHarness harness, IEnumerable<InvoiceId> ids)
    {
        var invoices = new List<Invoice>();
        foreach (var id in ids)
        {
            invoices.Add((await harness.Get<InvoiceStore>().FindAsync(id, CancellationToken.None))!);
        }

        return [.. invoices];
    }

    private static async Task<List<string>> RowKeysAsync(DailyRunHarness harness, string table)
    {
        var client = await harness.Get<StorageTables>().Get(table).GetAsync(CancellationToken.None);
        var keys = new List<string>();
        await foreach (var entity in client.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            keys.Add(entity.RowKey);
        }

        return keys;
    }

    private static async Task DeleteAsync(DailyRunHarness harness, string table, IEnumerable<string> rowKeys)
    {
        var client = await harness.Get<StorageTables>().Get(table).GetAsync(CancellationToken.None);
        var keys = rowKeys.ToHashSet(StringComparer.Ordinal);
        await foreach (var entity in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            if (keys.Contains(entity.RowKey))
            {
                await client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
            }
        }
    }
}
