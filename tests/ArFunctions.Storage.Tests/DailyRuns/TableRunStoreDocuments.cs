using ArFunctions.Application.DailyRuns;
using ArFunctions.Storage.DailyRuns;
using ArFunctions.Storage.Tables;
using ArFunctions.Storage.Tests.Infrastructure;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.DailyRuns;

/// <summary>
/// Shard summaries and ranks grow with a shard's customers; past what one row holds (660 KiB compressed, some
/// 4,000 customers of summary) they go over part rows (<see cref="DocumentRows"/>) and read back whole.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRunStoreDocuments(AzuriteFixture azurite)
{
    private static readonly DateOnly Day = new(2026, 11, 2);

    [Fact]
    public async Task ReadsBackEveryShardsSummaryGivenOneLargerThanAnEntityHolds()
    {
        var stores = new StoreHarness(azurite);
        var runs = new TableRunStore(stores.Tables);
        var small = Summary(0, Balances(10, seed: 1));
        var large = Summary(1, Balances(80_000, seed: 2));

        await runs.SaveSummaryAsync(Day, small, CancellationToken.None);
        await runs.SaveSummaryAsync(Day, large, CancellationToken.None);
        await runs.SaveSummaryAsync(Day, large, CancellationToken.None); // a retried shard writes the same rows again

        Assert.NotEmpty(await PartKeysAsync(stores.Tables, StorageTables.ShardSummaries, TableRunStore.DateKey(Day), "0001|"));
        var read = (await runs.GetSummariesAsync(Day, CancellationToken.None)).OrderBy(s => s.Shard).ToArray();
        Assert.Equal([0, 1], read.Select(s => s.Shard));
        Assert.Equal(small.Balances, read[0].Balances);
        Assert.Equal(large.Balances, read[1].Balances);
    }

    [Fact]
    public async Task ReadsTheLatestRanksAndDropsTheOldPartsGivenRanksRewrittenLargeThenLargeThenSmall()
    {
        var stores = new StoreHarness(azurite);
        var runs = new TableRunStore(stores.Tables);
        var first = Ranks(100_000, seed: 3);
        var second = Ranks(110_000, seed: 4);
        var third = Ranks(5, seed: 5);

        await runs.SaveRanksAsync(2, first, CancellationToken.None);
        Assert.Equal(first, await runs.GetRanksAsync(2, CancellationToken.None));
        await runs.SaveRanksAsync(2, second, CancellationToken.None);
        Assert.Equal(second, await runs.GetRanksAsync(2, CancellationToken.None));
        var partsOfSecond = await PartKeysAsync(stores.Tables, StorageTables.Ranks, "ranks", "0002|");
        await runs.SaveRanksAsync(2, third, CancellationToken.None);

        Assert.Equal(third, await runs.GetRanksAsync(2, CancellationToken.None));
        Assert.NotEmpty(partsOfSecond);
        Assert.All(partsOfSecond, key => Assert.StartsWith(partsOfSecond[0][..^3], key, StringComparison.Ordinal)); // one version left: the first's parts went
        Assert.Empty(await runs.GetRanksAsync(3, CancellationToken.None));
    }

    private static ShardSummary Summary(int shard, IReadOnlyList<CustomerBalance> balances) =>
        new(shard, balances, [], new Dictionary<string, Domain.Kpis.KpiTotals>());

    /// <summary>Random ids, so gzip cannot shrink them below what one entity holds.</summary>
    private static CustomerBalance[] Balances(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new CustomerBalance(RandomId(random), random.Next(1, 1_000_000) / 100m))];
    }

    private static Dictionary<string, int> Ranks(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count).ToDictionary(_ => RandomId(random), i => i, StringComparer.Ordinal);
    }

    private static string RandomId(Random random) => "C-" + Convert.ToHexStringLower(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 12));

    private static async Task<List<string>> PartKeysAsync(StorageTables tables, string tableName, string partition, string prefix)
    {
        var table = await tables.Get(tableName).GetAsync(CancellationToken.None);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"]))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                keys.Add(row.RowKey);
            }
        }

        return keys;
    }
}
