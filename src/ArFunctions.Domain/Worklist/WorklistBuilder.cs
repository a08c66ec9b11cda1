using ArFunctions.Domain.Common;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// Builds the day's worklists. Each collector first gets their own eligible customers, best first, up to
/// their capacity; customers without a configured collector then fill spare capacity in score order, each
/// going to the collector with the fewest items so far (ties: the collector listed first in the policy).
/// A collector's list is ordered by score. Ties in score are broken by customer id (ordinal), so the
/// result depends only on the inputs. Cost is O(n log N): bounded heaps, no full sort of the portfolio.
/// </summary>
public static class WorklistBuilder
{
    public static RankedWorklist Build(ReadOnlySpan<CustomerFeatures> portfolio, Func<CustomerId, string?> collectorOf, CollectionPolicy policy) =>
        Build(portfolio, collectorOf, policy.Worklist, policy.Ranking, policy.MinimumBalance);

    /// <summary>
    /// As <see cref="Build(ReadOnlySpan{CustomerFeatures}, Func{CustomerId, string?}, CollectionPolicy)"/>, with each
    /// customer's assigned collector (or null) given by position: <paramref name="collectors"/> runs parallel to
    /// <paramref name="portfolio"/>, which spares a caller that has the customers at hand a dictionary by id.
    /// </summary>
    public static RankedWorklist Build(ReadOnlySpan<CustomerFeatures> portfolio, IReadOnlyList<string?> collectors, CollectionPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(collectors.Count, portfolio.Length, nameof(collectors));
        return BuildCore(portfolio, (index, _) => collectors[index], policy.Worklist, policy.Ranking, policy.MinimumBalance);
    }

    /// <param name="portfolio">Features of every customer as of one date, base currency.</param>
    /// <param name="collectorOf">The customer's assigned collector id, or null; ids not in <paramref name="settings"/> count as unassigned.</param>
    /// <param name="settings">Collectors and capacities. Without collectors, only a Top-N of <see cref="WorklistSettings.CapacityPerCollector"/> is built.</param>
    /// <param name="weights">Weights of the score's components.</param>
    /// <param name="minimumBalance">Collectible overdue balance below which a customer is not worked.</param>
    public static RankedWorklist Build(
        ReadOnlySpan<CustomerFeatures> portfolio,
        Func<CustomerId, string?> collectorOf,
        WorklistSettings settings,
        RankingWeights weights,
        decimal minimumBalance = 0m) =>
        BuildCore(portfolio, (_, id) => collectorOf(id), settings, weights, minimumBalance);

    // collectorAt: the assigned collector of the customer at an index of the portfolio, which has the given id.
    private static RankedWorklist BuildCore(
        ReadOnlySpan<CustomerFeatures> portfolio,
        Func<int, CustomerId, string?> collectorAt,
        WorklistSettings settings,
        RankingWeights weights,
        decimal minimumBalance)
    {
        var indexOf = IndexCollectors(settings.Collectors);
        var heaps = new Heaps(settings);
        var scale = PortfolioScale.From(portfolio);
        var eligible = 0;
        for (var i = 0; i < portfolio.Length; i++)
        {
            ref readonly var f = ref portfolio[i];
            if (!IsEligible(in f, minimumBalance))
            {
                continue;
            }

            eligible++;
            var assigned = collectorAt(i, f.CustomerId);
            var collector = assigned is not null && indexOf.TryGetValue(assigned, out var c) ? c : -1;
            heaps.Offer(new RankedCandidate(PriorityScorer.Score(in f, weights, in scale).Score, f.CustomerId, i, collector));
        }

        var lists = Distribute(heaps.Own, heaps.Unassigned.ToRankedArray(), settings);
        return Assemble(portfolio, collectorAt, settings.Collectors, lists, heaps.Top.ToRankedArray(), new ItemFactory(weights, scale), eligible, scale);
    }

    /// <summary>
    /// A customer is worked only when not excluded and something overdue is left after disputes, at least
    /// <paramref name="minimumBalance"/> (the policy's floor for chasing at all).
    /// </summary>
    public static bool IsEligible(in CustomerFeatures f, decimal minimumBalance = 0m)
    {
        var collectible = f.OverdueBalance - f.DisputedBalance;
        return !f.Excluded && collectible > 0m && collectible >= minimumBalance;
    }

    private static Dictionary<string, int> IndexCollectors(IReadOnlyList<CollectorDefinition> collectors)
    {
        var indexOf = new Dictionary<string, int>(collectors.Count, StringComparer.Ordinal);
        for (var c = 0; c < collectors.Count; c++)
        {
            indexOf.TryAdd(collectors[c].Id, c);
        }

        return indexOf;
    }

    private static RankedWorklist Assemble(
        ReadOnlySpan<CustomerFeatures> portfolio,
        Func<int, CustomerId, string?> collectorAt,
        IReadOnlyList<CollectorDefinition> collectors,
        List<RankedCandidate>[] lists,
        RankedCandidate[] top,
        ItemFactory items,
        int eligible,
        PortfolioScale scale)
    {
        var byCollector = new Dictionary<string, IReadOnlyList<WorklistItem>>(collectors.Count, StringComparer.Ordinal);
        var listedWith = new Dictionary<int, string>();
        for (var c = 0; c < collectors.Count; c++)
        {
            var id = collectors[c].Id;
            byCollector.TryAdd(id, items.Create(portfolio, lists[c], _ => id));
            foreach (var candidate in lists[c])
            {
                listedWith[candidate.Index] = id;
            }
        }

        var topItems = items.Create(
            portfolio, top, candidate => listedWith.TryGetValue(candidate.Index, out var id) ? id : collectorAt(candidate.Index, candidate.CustomerId));
        return new RankedWorklist(topItems, byCollector, eligible, scale);
    }

    /// <summary>Each collector's own best customers, topped up with unassigned ones; every list ordered best first.</summary>
    private static List<RankedCandidate>[] Distribute(TopCandidates[] own, RankedCandidate[] unassigned, WorklistSettings settings)
    {
        var lists = new List<RankedCandidate>[own.Length];
        var withSpace = new PriorityQueue<int, (int Load, int Order)>();
        for (var c = 0; c < own.Length; c++)
        {
            lists[c] = [.. own[c].ToRankedArray()];
            if (lists[c].Count < settings.CapacityOf(settings.Collectors[c]))
            {
                withSpace.Enqueue(c, (lists[c].Count, c));
            }
        }

        foreach (var candidate in unassigned)
        {
            if (!withSpace.TryDequeue(out var c, out _))
            {
                break;
            }

            lists[c].Add(candidate with { Collector = c });
            if (lists[c].Count < settings.CapacityOf(settings.Collectors[c]))
            {
                withSpace.Enqueue(c, (lists[c].Count, c));
            }
        }

        foreach (var list in lists)
        {
            list.Sort(static (a, b) => a.RanksAhead(in b) ? -1 : b.RanksAhead(in a) ? 1 : 0);
        }

        return lists;
    }

    /// <summary>The bounded heaps one pass feeds: the portfolio's Top-N, each collector's own, and the unassigned pool.</summary>
    private sealed class Heaps
    {
        public Heaps(WorklistSettings settings)
        {
            var collectors = settings.Collectors;
            Top = new TopCandidates(collectors.Count == 0 ? settings.CapacityPerCollector : settings.TotalCapacity);
            Own = new TopCandidates[collectors.Count];
            for (var c = 0; c < Own.Length; c++)
            {
                Own[c] = new TopCandidates(settings.CapacityOf(collectors[c]));
            }

            // No more unassigned customers can ever be placed than the team's total capacity.
            Unassigned = new TopCandidates(settings.TotalCapacity);
        }

        public TopCandidates Top { get; }

        public TopCandidates[] Own { get; }

        public TopCandidates Unassigned { get; }

        public void Offer(in RankedCandidate candidate)
        {
            Top.Offer(in candidate);
            (candidate.Collector >= 0 ? Own[candidate.Collector] : Unassigned).Offer(in candidate);
        }
    }

    /// <summary>Turns candidates into items; reasons are worked out once per customer, only for those listed.</summary>
    private sealed class ItemFactory(RankingWeights weights, PortfolioScale scale)
    {
        private readonly Dictionary<int, PriorityReason[]> _reasons = [];
        private readonly RankingWeights _weights = weights;
        private readonly PortfolioScale _scale = scale;

        public WorklistItem[] Create(ReadOnlySpan<CustomerFeatures> portfolio, IReadOnlyList<RankedCandidate> ranked, Func<RankedCandidate, string?> collectorOf)
        {
            var items = new WorklistItem[ranked.Count];
            for (var r = 0; r < items.Length; r++)
            {
                var candidate = ranked[r];
                ref readonly var f = ref portfolio[candidate.Index];
                if (!_reasons.TryGetValue(candidate.Index, out var reasons))
                {
                    reasons = PriorityScorer.Reasons(in f, PriorityScorer.Score(in f, _weights, in _scale));
                    _reasons[candidate.Index] = reasons;
                }

                items[r] = new WorklistItem(r + 1, candidate.CustomerId, candidate.Score, collectorOf(candidate), f.OverdueBalance, reasons);
            }

            return items;
        }
    }
}
