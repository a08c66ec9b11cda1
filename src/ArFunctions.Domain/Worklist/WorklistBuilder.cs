using ArFunctions.Domain.Common;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Worklist;

/// <summary>
/// Builds the day's worklists. Each collector first gets their own eligible customers (the customer's assigned
/// collector, whatever its team), best first, up to their capacity; customers without a configured collector then
/// fill spare capacity in score order, each going to the collector with the fewest items so far among those who work
/// the customer's segment (<see cref="WorklistSettings.TeamOf"/>: the segment's team, or everyone when it names none;
/// ties: the collector listed first in the policy). A collector's list is ordered by score. Ties in score are broken by
/// customer id (ordinal), so the result depends only on the inputs. Cost is O(n log N): bounded heaps, no full sort of
/// the portfolio.
/// </summary>
public static class WorklistBuilder
{
    /// <param name="portfolio">Features of every customer as of one date, base currency.</param>
    /// <param name="collectorOf">The customer's assigned collector id, or null; ids not in the policy count as unassigned.</param>
    /// <param name="policy">Collectors, capacities, teams of segments, weights and the minimum balance.</param>
    /// <param name="segmentOf">
    /// The customer's segment, whose team works it when it has no collector of its own (a segment id not in the policy:
    /// the default segment's team). Without it, segments are unknown and any collector may take any customer.
    /// </param>
    public static RankedWorklist Build(
        ReadOnlySpan<CustomerFeatures> portfolio, Func<CustomerId, string?> collectorOf, CollectionPolicy policy, Func<CustomerId, string?>? segmentOf = null) =>
        BuildCore(
            portfolio,
            (_, id) => collectorOf(id),
            segmentOf is null ? static (_, _) => null : (_, id) => policy.TeamOf(segmentOf(id)),
            policy.Worklist,
            policy.Ranking,
            policy.MinimumBalance);

    /// <summary>
    /// As <see cref="Build(ReadOnlySpan{CustomerFeatures}, Func{CustomerId, string?}, CollectionPolicy, Func{CustomerId, string?})"/>,
    /// with each customer's assigned collector (or null) and segment given by position: <paramref name="collectors"/>
    /// and <paramref name="segments"/> run parallel to <paramref name="portfolio"/>, which spares a caller that has the
    /// customers at hand a dictionary by id.
    /// </summary>
    public static RankedWorklist Build(
        ReadOnlySpan<CustomerFeatures> portfolio, IReadOnlyList<string?> collectors, CollectionPolicy policy, IReadOnlyList<string?>? segments = null)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(collectors.Count, portfolio.Length, nameof(collectors));
        if (segments is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNotEqual(segments.Count, portfolio.Length, nameof(segments));
        }

        return BuildCore(
            portfolio,
            (index, _) => collectors[index],
            segments is null ? static (_, _) => null : (index, _) => policy.TeamOf(segments[index]),
            policy.Worklist,
            policy.Ranking,
            policy.MinimumBalance);
    }

    /// <param name="portfolio">Features of every customer as of one date, base currency.</param>
    /// <param name="collectorOf">The customer's assigned collector id, or null; ids not in <paramref name="settings"/> count as unassigned.</param>
    /// <param name="settings">Collectors and capacities. Without collectors, only a Top-N of <see cref="WorklistSettings.CapacityPerCollector"/> is built.</param>
    /// <param name="weights">Weights of the score's components.</param>
    /// <param name="minimumBalance">Collectible overdue balance below which a customer is not worked.</param>
    /// <remarks>Without segments, any collector may take an unassigned customer.</remarks>
    public static RankedWorklist Build(
        ReadOnlySpan<CustomerFeatures> portfolio,
        Func<CustomerId, string?> collectorOf,
        WorklistSettings settings,
        RankingWeights weights,
        decimal minimumBalance = 0m) =>
        BuildCore(portfolio, (_, id) => collectorOf(id), static (_, _) => null, settings, weights, minimumBalance);

    // collectorAt / teamAt: the assigned collector and the team of the customer at an index of the portfolio, which has the given id.
    private static RankedWorklist BuildCore(
        ReadOnlySpan<CustomerFeatures> portfolio,
        Func<int, CustomerId, string?> collectorAt,
        Func<int, CustomerId, string?> teamAt,
        WorklistSettings settings,
        RankingWeights weights,
        decimal minimumBalance)
    {
        var indexOf = IndexCollectors(settings.Collectors);
        var teams = new Teams(settings);
        var heaps = new Heaps(settings, teams);
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
            var team = collector < 0 ? teams.IdOf(teamAt(i, f.CustomerId)) : Teams.Anyone;
            heaps.Offer(new RankedCandidate(PriorityScorer.Score(in f, weights, in scale).Score, f.CustomerId, i, collector, team));
        }

        var lists = Distribute(heaps.Own, heaps.UnassignedBestFirst(), teams, settings);
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

    /// <summary>
    /// Each collector's own best customers, topped up with unassigned ones, each by the least loaded collector with
    /// room among those who work its segment (first listed on a tie); every list ordered best first.
    /// </summary>
    private static List<RankedCandidate>[] Distribute(TopCandidates[] own, List<RankedCandidate> unassigned, Teams teams, WorklistSettings settings)
    {
        var lists = new List<RankedCandidate>[own.Length];
        for (var c = 0; c < own.Length; c++)
        {
            lists[c] = [.. own[c].ToRankedArray()];
        }

        foreach (var candidate in unassigned)
        {
            var chosen = -1;
            foreach (var c in teams.Members(candidate.Team))
            {
                if (lists[c].Count < settings.CapacityOf(settings.Collectors[c]) && (chosen < 0 || lists[c].Count < lists[chosen].Count))
                {
                    chosen = c;
                }
            }

            if (chosen >= 0)
            {
                lists[chosen].Add(candidate with { Collector = chosen });
            }
        }

        foreach (var list in lists)
        {
            list.Sort(static (a, b) => a.RanksAhead(in b) ? -1 : b.RanksAhead(in a) ? 1 : 0);
        }

        return lists;
    }

    /// <summary>
    /// The teams that work segments, numbered: <see cref="Anyone"/> for a segment without a team (every collector), then
    /// each team named so far, with its collectors' indices (none for a team no collector belongs to).
    /// </summary>
    private sealed class Teams(WorklistSettings settings)
    {
        public const int Anyone = 0;

        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<int[]> _members = [Enumerable.Range(0, settings.Collectors.Count).ToArray()];

        public int IdOf(string? team)
        {
            if (team is null)
            {
                return Anyone;
            }

            if (!_ids.TryGetValue(team, out var id))
            {
                id = _members.Count;
                var members = settings.TeamOf(team);
                _members.Add([.. members.Select(m => IndexOf(settings.Collectors, m))]);
                _ids[team] = id;
            }

            return id;
        }

        public int[] Members(int id) => _members[id];

        /// <summary>How many unassigned customers of team <paramref name="id"/> could ever be placed: its collectors' capacity.</summary>
        public int Capacity(int id) => _members[id].Sum(c => settings.CapacityOf(settings.Collectors[c]));

        private static int IndexOf(IReadOnlyList<CollectorDefinition> collectors, CollectorDefinition collector)
        {
            for (var c = 0; c < collectors.Count; c++)
            {
                if (ReferenceEquals(collectors[c], collector))
                {
                    return c;
                }
            }

            throw new InvalidOperationException("A team member is not among the collectors.");
        }
    }

    /// <summary>
    /// The bounded heaps one pass feeds: the portfolio's Top-N, each collector's own, and one pool of unassigned
    /// customers per team, each as large as that team's capacity (no more of them can ever be placed), so that one
    /// team's many customers never push another team's out of the pool.
    /// </summary>
    private sealed class Heaps
    {
        private readonly Teams _teams;
        private readonly List<TopCandidates> _unassigned = [];

        public Heaps(WorklistSettings settings, Teams teams)
        {
            _teams = teams;
            var collectors = settings.Collectors;
            Top = new TopCandidates(collectors.Count == 0 ? settings.CapacityPerCollector : settings.TotalCapacity);
            Own = new TopCandidates[collectors.Count];
            for (var c = 0; c < Own.Length; c++)
            {
                Own[c] = new TopCandidates(settings.CapacityOf(collectors[c]));
            }
        }

        public TopCandidates Top { get; }

        public TopCandidates[] Own { get; }

        public void Offer(in RankedCandidate candidate)
        {
            Top.Offer(in candidate);
            if (candidate.Collector >= 0)
            {
                Own[candidate.Collector].Offer(in candidate);
                return;
            }

            while (_unassigned.Count <= candidate.Team)
            {
                _unassigned.Add(new TopCandidates(_teams.Capacity(_unassigned.Count)));
            }

            _unassigned[candidate.Team].Offer(in candidate);
        }

        /// <summary>Every pool's candidates together, best first.</summary>
        public List<RankedCandidate> UnassignedBestFirst()
        {
            var all = _unassigned.SelectMany(pool => pool.ToRankedArray()).ToList();
            all.Sort(static (a, b) => a.RanksAhead(in b) ? -1 : b.RanksAhead(in a) ? 1 : 0);
            return all;
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
