using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Runs;

/// <summary>
/// Reads every shard of the portfolio as of a date and evaluates each with a pure function, a few shards at a time,
/// writing nothing: the read side shared by the dry run and the policy preview. Results are in shard order. Before any
/// run has completed no balance ranks are stored, so the day's own ranks are computed from the same snapshots first, as
/// the first run does (<see cref="BalanceRanks"/>).
/// </summary>
internal static class EveryShard
{
    /// <summary>Shards read at once: enough to keep storage busy, few enough for a 2-core worker.</summary>
    private const int Concurrency = 4;

    public static async Task<T[]> EvaluateAsync<T>(
        IShardStore shards, IRunStore runs, CollectionPolicy policy, DateOnly asOf, Func<ShardSnapshot, int, T> evaluate, CancellationToken cancellationToken)
    {
        var perShard = new T[shards.ShardCount];
        if (await runs.GetLastCompletedAsync(cancellationToken).ConfigureAwait(false) is not null)
        {
            await ForEachShardAsync(shards, asOf, (shard, snapshot) => perShard[shard] = evaluate(snapshot, shard), cancellationToken).ConfigureAwait(false);
            return perShard;
        }

        // No ranks stored yet: rank the day from the same snapshots the evaluation then reads, so each shard is read once.
        var snapshots = new ShardSnapshot[shards.ShardCount];
        await ForEachShardAsync(shards, asOf, (shard, snapshot) => snapshots[shard] = snapshot, cancellationToken).ConfigureAwait(false);
        var ranks = BalanceRanks.Rank(shards.ShardCount, snapshots.SelectMany((snapshot, shard) => BalanceRanks.BalancesOf(shard, snapshot, policy, asOf)));
        for (var shard = 0; shard < snapshots.Length; shard++)
        {
            perShard[shard] = evaluate(snapshots[shard] with { BalanceRanks = ranks[shard] }, shard);
        }

        return perShard;
    }

    private static Task ForEachShardAsync(IShardStore shards, DateOnly asOf, Action<int, ShardSnapshot> take, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, shards.ShardCount),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (shard, token) => take(shard, await shards.ReadAsync(shard, asOf, token).ConfigureAwait(false)));
}
