using ArFunctions.Application.Ports;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.DailyRuns;

/// <summary>
/// The portfolio's balance ranks (1 = largest open balance; equal balances by customer id, ordinal), stored per shard
/// for the run that reads them. The finaliser ranks each run's balances for the next run; the first run ranks its own
/// day before any segment is assigned, as <c>arfn simulate</c> does, so a <c>balanceRank</c> segment holds its key
/// accounts from day 1.
/// </summary>
internal static class BalanceRanks
{
    public static async Task SaveAsync(IRunStore runs, int shardCount, IEnumerable<(int Shard, string CustomerId, decimal OpenBalance)> balances, CancellationToken cancellationToken)
    {
        var byShard = balances
            .OrderByDescending(b => b.OpenBalance)
            .ThenBy(b => b.CustomerId, StringComparer.Ordinal)
            .Select((b, index) => (b.Shard, b.CustomerId, Rank: index + 1))
            .GroupBy(b => b.Shard)
            .ToDictionary(g => g.Key, g => g.ToDictionary(b => b.CustomerId, b => b.Rank, StringComparer.Ordinal));
        for (var shard = 0; shard < shardCount; shard++)
        {
            await runs.SaveRanksAsync(shard, byShard.TryGetValue(shard, out var ranks) ? ranks : [], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ranks today's balances before the first run segments anyone: every shard read once, each customer's open balance
    /// computed by the engine exactly as the shard will compute it (a customer the shard will leave out for data problems
    /// is left out here too).
    /// </summary>
    public static async Task SaveFirstRunAsync(IShardStore shards, IRunStore runs, CollectionPolicy policy, DateOnly asOf, CancellationToken cancellationToken)
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

        await SaveAsync(runs, shards.ShardCount, balances, cancellationToken).ConfigureAwait(false);
    }
}
