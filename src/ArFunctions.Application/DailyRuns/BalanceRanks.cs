using ArFunctions.Application.Ports;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.DailyRuns;

/// <summary>
/// The portfolio's balance ranks (1 = largest open balance; equal balances by customer id, ordinal), stored per shard
/// for the run that reads them. The finaliser ranks each run's balances for the next run. Before any run has completed
/// none are stored, so the first run ranks its own day before any segment is assigned, as <c>arfn simulate</c> does,
/// and a dry run or a policy preview of that day ranks it the same way in memory: a <c>balanceRank</c> segment holds
/// its key accounts from day 1 on every path.
/// </summary>
internal static class BalanceRanks
{
    /// <summary>Ranks per shard (customer id to rank), every shard present.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> Rank(int shardCount, IEnumerable<(int Shard, string CustomerId, decimal OpenBalance)> balances)
    {
        var byShard = balances
            .OrderByDescending(b => b.OpenBalance)
            .ThenBy(b => b.CustomerId, StringComparer.Ordinal)
            .Select((b, index) => (b.Shard, b.CustomerId, Rank: index + 1))
            .GroupBy(b => b.Shard)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.ToDictionary(b => b.CustomerId, b => b.Rank, StringComparer.Ordinal));
        return Enumerable.Range(0, shardCount).ToDictionary(
            shard => shard, shard => byShard.TryGetValue(shard, out var ranks) ? ranks : new Dictionary<string, int>(StringComparer.Ordinal));
    }

    public static async Task SaveAsync(IRunStore runs, IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>> ranks, CancellationToken cancellationToken)
    {
        foreach (var (shard, ofShard) in ranks.OrderBy(r => r.Key))
        {
            await runs.SaveRanksAsync(shard, ofShard, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ranks the day's own balances: every shard read once, one at a time (<see cref="BalancesOf"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>>> OfTheDayAsync(
        IShardStore shards, CollectionPolicy policy, DateOnly asOf, CancellationToken cancellationToken)
    {
        var balances = new List<(int, string, decimal)>();
        for (var shard = 0; shard < shards.ShardCount; shard++)
        {
            var snapshot = await shards.ReadAsync(shard, asOf, cancellationToken).ConfigureAwait(false);
            balances.AddRange(BalancesOf(shard, snapshot, policy, asOf));
        }

        return Rank(shards.ShardCount, balances);
    }

    /// <summary>
    /// Each customer's open balance in one shard's snapshot, computed by the engine exactly as the shard will compute it:
    /// a customer the shard will leave out for data problems is left out here too (and reported when the shard runs).
    /// </summary>
    public static IEnumerable<(int Shard, string CustomerId, decimal OpenBalance)> BalancesOf(int shard, ShardSnapshot snapshot, CollectionPolicy policy, DateOnly asOf)
    {
        foreach (var source in snapshot.Customers)
        {
            if (ShardEvaluation.TryFeatures(ShardEvaluation.Records(source, asOf), policy, asOf, problems: null) is { } features)
            {
                yield return (shard, source.Customer.Id.Value, features.OpenBalance);
            }
        }
    }
}
