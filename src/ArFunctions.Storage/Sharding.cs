using System.Globalization;
using System.IO.Hashing;
using System.Text;
using ArFunctions.Domain.Common;

namespace ArFunctions.Storage;

/// <summary>
/// Maps a customer to one of <see cref="ShardCount"/> shards: XxHash32 (seed 0) of the id's UTF-8 bytes, modulo the
/// shard count. Stable across processes and machines (unlike <see cref="string.GetHashCode()"/>), so a customer's rows
/// stay in one partition for the life of a deployment. Changing the shard count moves most customers.
/// </summary>
public sealed class Sharding
{
    private const int MaxStackBytes = 512;

    public Sharding(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shardCount, StorageOptions.MaxShardCount);
        ShardCount = shardCount;
    }

    public int ShardCount { get; }

    public int ShardOf(CustomerId customerId) => Bucket(customerId.Value, ShardCount);

    public string PartitionKeyOf(CustomerId customerId) => PartitionKey(ShardOf(customerId));

    /// <summary>The partition key of a shard: "s" and the shard number in four digits ("s0007").</summary>
    public static string PartitionKey(int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, StorageOptions.MaxShardCount);
        return "s" + shard.ToString("D4", CultureInfo.InvariantCulture);
    }

    /// <summary>Throws unless <paramref name="shard"/> is one of this deployment's shards.</summary>
    public void EnsureShard(int shard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(shard, ShardCount);
    }

    /// <summary>A stable bucket in [0, <paramref name="buckets"/>) for any string.</summary>
    public static int Bucket(string value, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        var bytes = length <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : new byte[length];
        var written = Encoding.UTF8.GetBytes(value, bytes);
        return (int)(XxHash32.HashToUInt32(bytes[..written]) % (uint)buckets);
    }
}
