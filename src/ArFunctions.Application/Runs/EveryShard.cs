using ArFunctions.Application.DailyRuns;
using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Runs;

/// <summary>
/// Reads every shard of the portfolio as of a date and evaluates each with a pure function, a few shards at a time,
/// writing nothing: the read side shared by the dry run and the policy preview. Results are in shard order. Before any
/// run has completed no balance ranks are stored, so the day's own ranks are computed first, as the first run does
/// (<see cref="BalanceRanks"/>).
/// </summary>
internal static class EveryShard
{
    /// <summary>Shards read at once: enough to keep storage busy, few enough for a 2-core worker.</summary>
    private const int Concurrency = 4;

    public static async Task<T[]> EvaluateAsync<T>(
        IShardStore shards, IRunStore runs, CollectionPolicy policy, DateOnly asOf, Func<ShardSnapshot, int, T> evaluate, CancellationToken cancellationToken)
    {
        var firstRunRanks = await BalanceRanks.UnlessStoredAsync(runs, shards, policy, asOf, cancellationToken).ConfigureAwait(false);
        var perShard = new T[shards.ShardCount];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, shards.ShardCount),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (shard, token) =>
            {
                var snapshot = await shards.ReadAsync(shard, asOf, token).ConfigureAwait(false);
                perShard[shard] = evaluate(firstRunRanks is null ? snapshot : snapshot with { BalanceRanks = firstRunRanks[shard] }, shard);
            }).ConfigureAwait(false);
        return perShard;
    }
}
