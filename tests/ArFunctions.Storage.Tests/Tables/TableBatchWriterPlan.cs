using ArFunctions.Storage.Tables;
using Azure.Data.Tables;

namespace ArFunctions.Storage.Tests.Tables;

public class TableBatchWriterPlan
{
    [Fact]
    public void MakesThreeTransactionsOfAtMost100GivenTwoHundredFiftyActions()
    {
        var plan = TableBatchWriter.Plan(Upserts("s0001", 250));

        Assert.Equal([100, 100, 50], plan.Select(t => t.Count));
        Assert.Equal(Upserts("s0001", 250).Select(a => a.Entity.RowKey), plan.SelectMany(t => t).Select(a => a.Entity.RowKey));
    }

    [Fact]
    public void ThrowsGivenActionsOfTwoPartitions()
    {
        var mixed = Upserts("s0001", 3).Concat(Upserts("s0002", 1)).ToList();

        var error = Assert.Throws<ArgumentException>(() => TableBatchWriter.Plan(mixed));

        Assert.Contains("'s0001' and 's0002'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitsByPartitionKeepingOrderGivenAMixedList()
    {
        var mixed = new[] { Upsert("s2", "a"), Upsert("s1", "b"), Upsert("s2", "c"), Upsert("s1", "d"), Upsert("s3", "e") };

        var groups = TableBatchWriter.GroupByPartition(mixed);

        Assert.Equal(["s2", "s1", "s3"], groups.Select(g => g[0].Entity.PartitionKey));
        Assert.All(groups, g => Assert.Single(g.Select(a => a.Entity.PartitionKey).Distinct()));
        Assert.Equal(["a", "c"], groups[0].Select(a => a.Entity.RowKey));
        Assert.Equal(["b", "d"], groups[1].Select(a => a.Entity.RowKey));
    }

    [Fact]
    public void PutsTwoActionsOnOneRowInSeparateTransactionsGivenARepeatedKey()
    {
        var actions = new[] { Upsert("s1", "a"), Upsert("s1", "b"), Upsert("s1", "a") };

        var plan = TableBatchWriter.Plan(actions);

        Assert.Equal([2, 1], plan.Select(t => t.Count));
    }

    [Fact]
    public void StaysUnderFourMiBGivenLargeEntities()
    {
        var actions = Enumerable.Range(0, 12).Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Large("s1", $"r{i:D2}"))).ToList();

        var plan = TableBatchWriter.Plan(actions);

        Assert.True(plan.Count >= 2, $"12 entities of about 480 KB of JSON need two transactions; planned {plan.Count}");
        Assert.All(plan, t => Assert.InRange(t.Sum(a => EntityLimits.EstimateRequestBytes(a.Entity)), 0, TableBatchWriter.MaxTransactionBytes));
    }

    internal static List<TableTransactionAction> Upserts(string partitionKey, int count) =>
        Enumerable.Range(0, count).Select(i => Upsert(partitionKey, $"r{i:D5}")).ToList();

    internal static TableTransactionAction Upsert(string partitionKey, string rowKey) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partitionKey, rowKey) { ["value"] = rowKey });

    /// <summary>About 480,000 characters of ASCII text: within the 1 MiB entity limit, an eighth of a transaction.</summary>
    internal static TableEntity Large(string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        for (var i = 0; i < 30; i++)
        {
            entity[$"text{i:D2}"] = new string((char)('a' + (i % 26)), 16_000);
        }

        return entity;
    }
}
