using ArFunctions.Application.Ports;

namespace ArFunctions.Application.Runs;

/// <summary>
/// Reads every shard of the portfolio as of a date and evaluates each with a pure function, a few shards at a time,
/// writing nothing: the read side shared by the dry run and the policy preview. Results are in shard order.
/// </summary>
internal static class EveryShard
{
    /// <summary>Shards read at once: enough to keep storage busy, few enough for a 2-core worker.</summary>
    private const int Concurrency = 4;

    public static async Task<T[]> EvaluateAsync<T>(IShardStore shards, DateOnly asOf, Func<ShardSnapshot, int, T> evaluate, CancellationToken cancellationToken)
    {
        var perShard = new T[shards.ShardCount];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, shards.ShardCount),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (shard, token) => perShard[shard] = evaluate(await shards.ReadAsync(shard, asOf, token).ConfigureAwait(false), shard)).ConfigureAwait(false);
        return perShard;
    }
}
