using ArFunctions.Domain.Common;

namespace ArFunctions.Storage.Tests;

public class ShardingShardOf
{
    private const int KnownShard = 61;

    [Fact]
    public void ReturnsTheKnownShardGivenAFixedId()
    {
        // XxHash32 (seed 0) of the UTF-8 bytes, mod 64, checked against an independent implementation of the algorithm.
        // If this ever changes, every stored row is in the wrong partition.
        var sharding = new Sharding(64);

        Assert.Equal(KnownShard, sharding.ShardOf(new CustomerId("C-000123")));
        Assert.Equal("s0061", sharding.PartitionKeyOf(new CustomerId("C-000123")));
    }

    [Fact]
    public void ReturnsTheSameShardGivenSeparateInstances()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => new CustomerId($"cust-{i}")).ToArray();

        var first = ids.Select(new Sharding(64).ShardOf).ToArray();
        var second = ids.Select(new Sharding(64).ShardOf).ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void SpreadsEvenlyGivenManySequentialIds()
    {
        var sharding = new Sharding(64);
        var counts = new int[64];
        for (var i = 0; i < 100_000; i++)
        {
            counts[sharding.ShardOf(new CustomerId($"C-{i:D6}"))]++;
        }

        // Mean 1,562.5 and a binomial standard deviation of about 39: every shard within 10 % is a 4-sigma band.
        Assert.All(counts, count => Assert.InRange(count, 1406, 1719));
    }

    [Fact]
    public void FormatsFourDigitPartitionKeysGivenShardNumbers()
    {
        Assert.Equal("s0000", Sharding.PartitionKey(0));
        Assert.Equal("s0063", Sharding.PartitionKey(63));
        Assert.Equal("s1023", Sharding.PartitionKey(1023));
    }

    [Fact]
    public void RejectsShardCountsOutsideOneTo1024()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sharding(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sharding(1025));
    }
}
