using ArFunctions.Application.Ports;
using ArFunctions.Domain.Engine;
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

    /// <summary>The first run's ranks when no run has completed yet (none are stored); null once ranks are stored.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>>?> UnlessStoredAsync(
        IRunStore runs, IShardStore shards, CollectionPolicy policy, DateOnly asOf, CancellationToken cancellationToken) =>
        await runs.GetLastCompletedAsync(cancellationToken).ConfigureAwait(false) is null
            ? await OfTheDayAsync(shards, policy, asOf, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>
    /// Ranks the day's own balances: every shard read once, each customer's open balance computed by the engine exactly
    /// as the shard will compute it (a customer the shard will leave out for data problems is left out here too).
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, int>>> OfTheDayAsync(
        IShardStore shards, CollectionPolicy policy, DateOnly asOf, CancellationToken cancellationToken)
    {
        var balances = new List<(int, string, decimal)>();
        for (var shard = 0; shard < shards.ShardCount; shard++)
        {
            var snapshot = await shards.ReadAsync(shard, asOf, cancellationToken).ConfigureAwait(false);
            foreach (var source in snapshot.Customers)
            {
                var records = ShardEvaluation.Records(source, asOf);
                if (DataProblem.Screen(records).Count > 0)
                {
                    continue;
                }

                try
                {
                    balances.Add((shard, source.Customer.Id.Value, CollectionsEngine.Features(records, policy, asOf).OpenBalance));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Unranked: the shard leaves this customer out of the day and reports why when it runs.
                }
            }
        }

        return Rank(shards.ShardCount, balances);
    }
}
