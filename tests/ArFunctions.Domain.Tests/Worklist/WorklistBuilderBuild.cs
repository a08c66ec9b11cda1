using ArFunctions.Domain.Common;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Tests.Builders;
using ArFunctions.Domain.Worklist;

namespace ArFunctions.Domain.Tests.Worklist;

public class WorklistBuilderBuild
{
    private static readonly Func<CustomerId, string?> Nobody = _ => null;

    [Fact]
    public void RanksMoreOverdueFirstAllElseEqual()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("C1") with { OverdueBalance = 1_000m },
            A.Features("C2") with { OverdueBalance = 9_000m },
            A.Features("C3") with { OverdueBalance = 4_000m },
        ];

        var worklist = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With());

        Assert.Equal(["C2", "C3", "C1"], Ids(worklist.Top));
        Assert.Equal([1, 2, 3], worklist.Top.Select(i => i.Rank));
    }

    [Fact]
    public void ChangesTheOrderGivenThePolicysWeights()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("BIG") with { OverdueBalance = 50_000m, DaysPastDueOldest = 30 },
            A.Features("OLD") with { OverdueBalance = 500m, DaysPastDueOldest = 110 },
        ];

        var byDefault = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With());
        var byAge = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With(ranking: RankingPolicy.OnlyWeights(overdueBalance: 0.1, daysPastDue: 0.9)));

        Assert.Equal(["BIG", "OLD"], Ids(byDefault.Top));
        Assert.Equal(["OLD", "BIG"], Ids(byAge.Top));
    }

    [Fact]
    public void LeavesOutExcludedFullyDisputedAndNotOverdueCustomers()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("EXCLUDED") with { Excluded = true },
            A.Features("DISPUTED") with { OverdueBalance = 5_000m, DisputedBalance = 5_000m },
            A.Features("CURRENT") with { OverdueBalance = 0m, OpenBalance = 8_000m },
            A.Features("PARTLY") with { OverdueBalance = 5_000m, DisputedBalance = 4_000m },
            A.Features("PLAIN"),
        ];

        var worklist = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With());

        Assert.Equal(["PLAIN", "PARTLY"], Ids(worklist.Top));
        Assert.Equal(2, worklist.EligibleCount);
    }

    [Fact]
    public void LeavesOutCustomersGivenCollectibleBelowThePolicysMinimumBalance()
    {
        CustomerFeatures[] portfolio = [A.Features("SMALL") with { OverdueBalance = 40m }, A.Features("LARGE")];

        var worklist = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With(minimumBalance: 50m));

        Assert.Equal(["LARGE"], Ids(worklist.Top));
    }

    [Fact]
    public void SizesTopToCapacityPerCollectorGivenNoCollectors()
    {
        var portfolio = Portfolio(30);

        var worklist = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With(new WorklistSettings(7, [])));

        Assert.Equal(7, worklist.Top.Count);
        Assert.Empty(worklist.ByCollector);
    }

    [Fact]
    public void BoundsTopAndEachListGivenCapacities()
    {
        var portfolio = Portfolio(40);
        var team = RankingPolicy.Team(("alice", 3), ("bob", 5));

        var worklist = WorklistBuilder.Build(portfolio, id => int.Parse(id.Value[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? "alice" : "bob", RankingPolicy.With(team));

        Assert.Equal(8, worklist.Top.Count);
        Assert.Equal(3, worklist.ByCollector["alice"].Count);
        Assert.Equal(5, worklist.ByCollector["bob"].Count);
    }

    [Fact]
    public void GivesCollectorsTheirOwnCustomersFirstGivenHigherUnassignedOnes()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("A1") with { OverdueBalance = 1_000m },
            A.Features("A2") with { OverdueBalance = 2_000m },
            A.Features("A3") with { OverdueBalance = 3_000m },
            A.Features("U1") with { OverdueBalance = 90_000m },
        ];

        var worklist = WorklistBuilder.Build(portfolio, id => id.Value[0] == 'A' ? "alice" : null, RankingPolicy.With(RankingPolicy.Team(("alice", 2))));

        Assert.Equal(["A3", "A2"], Ids(worklist.ByCollector["alice"]));
        Assert.Equal(["U1", "A3"], Ids(worklist.Top));
        Assert.Null(worklist.Top[0].Collector);
        Assert.Equal("alice", worklist.Top[1].Collector);
    }

    [Fact]
    public void FillsSpareCapacityLeastLoadedFirstGivenUnassignedCustomers()
    {
        CustomerFeatures[] portfolio =
        [
            A.Features("A1") with { OverdueBalance = 1_000m },
            A.Features("A2") with { OverdueBalance = 2_000m },
            A.Features("U1") with { OverdueBalance = 30_000m },
            A.Features("U2") with { OverdueBalance = 20_000m },
            A.Features("U3") with { OverdueBalance = 10_000m },
            A.Features("U4") with { OverdueBalance = 5_000m },
            A.Features("U5") with { OverdueBalance = 500m },
        ];
        var team = RankingPolicy.Team(("alice", 3), ("bob", 3));

        var worklist = WorklistBuilder.Build(portfolio, id => id.Value[0] == 'A' ? "alice" : null, RankingPolicy.With(team));

        // bob (0 items) takes U1 and U2; then both hold 2 and alice, listed first, takes U3; bob takes U4; U5 finds no room.
        Assert.Equal(["U3", "A2", "A1"], Ids(worklist.ByCollector["alice"]));
        Assert.Equal(["U1", "U2", "U4"], Ids(worklist.ByCollector["bob"]));
        Assert.All(worklist.ByCollector["bob"], i => Assert.Equal("bob", i.Collector));
        Assert.Equal(["bob", "bob", "alice", "bob", "alice", "alice"], worklist.Top.Select(i => i.Collector));
    }

    [Fact]
    public void GivesKeyAccountsToKeyTeamCollectorsOnlyGivenUnassignedCustomersOfTwoTeams()
    {
        // The standard team has many more (and larger) customers than places: they never reach kim or kai, and the
        // key accounts left over when kim and kai are full never reach sam, who still has room.
        CustomerFeatures[] portfolio =
        [
            .. Enumerable.Range(1, 5).Select(i => A.Features("K" + i) with { OverdueBalance = 1_000m * i }),
            .. Enumerable.Range(1, 8).Select(i => A.Features("S" + i) with { OverdueBalance = 50_000m * i }),
        ];
        var policy = RankingPolicy.WithTeams(capacity: 2);

        var worklist = WorklistBuilder.Build(portfolio, Nobody, policy, id => id.Value[0] == 'K' ? "key-accounts" : "standard");

        Assert.Equal(["K5", "K3"], Ids(worklist.ByCollector["kim"]));
        Assert.Equal(["K4", "K2"], Ids(worklist.ByCollector["kai"]));
        Assert.Equal(["S8", "S7"], Ids(worklist.ByCollector["sam"]));
    }

    [Fact]
    public void KeepsACustomerWithItsOwnCollectorGivenACollectorOfAnotherTeam()
    {
        CustomerFeatures[] portfolio = [A.Features("K1") with { OverdueBalance = 9_000m }, A.Features("K2")];

        var worklist = WorklistBuilder.Build(portfolio, id => id.Value == "K1" ? "sam" : null, RankingPolicy.WithTeams(), _ => "key-accounts");

        Assert.Equal(["K1"], Ids(worklist.ByCollector["sam"]));
        Assert.Equal(["K2"], Ids(worklist.ByCollector["kim"]));
    }

    [Fact]
    public void GivesUnassignedCustomersToNobodyGivenTheirSegmentsTeamHasNoRoomLeft()
    {
        CustomerFeatures[] portfolio = [.. Enumerable.Range(1, 6).Select(i => A.Features("K" + i) with { OverdueBalance = 1_000m * i })];

        var worklist = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.WithTeams(capacity: 2), _ => "key-accounts");

        Assert.Empty(worklist.ByCollector["sam"]);
        Assert.Equal(4, worklist.ByCollector["kim"].Count + worklist.ByCollector["kai"].Count);
        Assert.Equal([null, null], worklist.Top.Where(i => i.CustomerId.Value is "K1" or "K2").Select(i => i.Collector));
    }

    [Fact]
    public void TreatsCustomersAsUnassignedGivenACollectorNotInThePolicy()
    {
        CustomerFeatures[] portfolio = [A.Features("C1"), A.Features("C2") with { OverdueBalance = 6_000m }];

        var worklist = WorklistBuilder.Build(portfolio, _ => "carol", RankingPolicy.With(RankingPolicy.Team(("alice", 1))));

        Assert.Equal(["C2"], Ids(worklist.ByCollector["alice"]));
        Assert.Equal("alice", Assert.Single(worklist.Top).Collector);
    }

    [Fact]
    public void BreaksTiesByCustomerIdGivenEqualScores()
    {
        CustomerFeatures[] portfolio = [A.Features("C3"), A.Features("C1"), A.Features("C4"), A.Features("C2")];

        var worklist = WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With(new WorklistSettings(3, [])));

        Assert.Equal(["C1", "C2", "C3"], Ids(worklist.Top));
    }

    [Fact]
    public void CarriesBalanceScoreAndTopReasonsOnEachItem()
    {
        CustomerFeatures[] portfolio = [A.Features("C1") with { OverdueBalance = 7_000m, DisputedBalance = 1_000m, BrokenPromises = 3 }];
        var weights = new RankingWeights();

        var item = Assert.Single(WorklistBuilder.Build(portfolio, Nobody, RankingPolicy.With(ranking: weights)).Top);

        var scale = PortfolioScale.From(portfolio);
        var score = PriorityScorer.Score(portfolio[0], weights, scale);
        Assert.Equal(7_000m, item.OverdueBalance);
        Assert.Equal(score.Score, item.Score);
        Assert.Equal(PriorityScorer.Reasons(portfolio[0], score), item.Reasons);
        Assert.Equal("6,000.00 overdue net of 1,000.00 disputed", item.Reasons[0].Text);
    }

    [Fact]
    public void MatchesAFullSortAcrossRandomPortfolios()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var portfolio = Enumerable.Range(0, random.Next(0, 300))
                .Select(i => PriorityScorerScore.RandomFeatures(random) with { CustomerId = new CustomerId($"C{random.Next(1000):000}-{i}"), DisputedBalance = random.Next(3) == 0 ? 5_000m : 0m })
                .ToArray();
            var owners = new Dictionary<CustomerId, string?>();
            string? OwnerOf(CustomerId id) => owners.TryGetValue(id, out var o) ? o : owners[id] = random.Next(4) switch { 0 => "alice", 1 => "bob", 2 => "ghost", _ => null };
            var team = RankingPolicy.Team(("alice", random.Next(0, 15)), ("bob", random.Next(0, 15)), ("carl", random.Next(0, 15)));
            var policy = RankingPolicy.With(team);

            var worklist = WorklistBuilder.Build(portfolio, OwnerOf, policy);

            AssertAgreesWithFullSort(portfolio, OwnerOf, policy, worklist, seed);
        }
    }

    [Fact]
    public void MatchesLookupByIdGivenCollectorsByPosition()
    {
        for (var seed = 0; seed < 30; seed++)
        {
            var random = new Random(seed);
            var portfolio = Enumerable.Range(0, random.Next(0, 300))
                .Select(i => PriorityScorerScore.RandomFeatures(random) with { CustomerId = new CustomerId($"C{i:000}") })
                .ToArray();
            var collectors = portfolio.Select(_ => random.Next(4) switch { 0 => "alice", 1 => "bob", 2 => "ghost", _ => (string?)null }).ToArray();
            var byId = portfolio.Select((f, i) => (f.CustomerId, Collector: collectors[i])).ToDictionary(x => x.CustomerId, x => x.Collector);
            var policy = RankingPolicy.With(RankingPolicy.Team(("alice", random.Next(0, 15)), ("bob", random.Next(0, 15)), ("carl", random.Next(0, 15))));

            var byPosition = WorklistBuilder.Build(portfolio, collectors, policy);

            Assert.Equal(Describe(WorklistBuilder.Build(portfolio, id => byId[id], policy)), Describe(byPosition));
        }
    }

    [Fact]
    public void KeepsEveryUnassignedCustomerWithinItsTeamAcrossRandomPortfolios()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var portfolio = Enumerable.Range(0, random.Next(0, 200))
                .Select(i => PriorityScorerScore.RandomFeatures(random) with { CustomerId = new CustomerId($"C{i:000}") })
                .ToArray();
            var owners = portfolio.ToDictionary(f => f.CustomerId, _ => random.Next(5) switch { 0 => "kim", 1 => "sam", 2 => "ghost", _ => (string?)null });
            var segments = portfolio.ToDictionary(f => f.CustomerId, _ => random.Next(3) == 0 ? "key-accounts" : "standard");
            var policy = RankingPolicy.WithTeams(capacity: random.Next(0, 12));

            var worklist = WorklistBuilder.Build(portfolio, id => owners[id], policy, id => segments[id]);

            AssertAgreesWithFullSort(portfolio, id => owners[id], policy, worklist, seed);
            var listed = worklist.ByCollector.SelectMany(l => l.Value.Select(i => (l.Key, i.CustomerId))).ToDictionary(x => x.CustomerId, x => x.Key);
            foreach (var (customer, collector) in listed)
            {
                var own = owners[customer] is "kim" or "sam";
                var team = policy.Worklist.TeamOf(policy.TeamOf(segments[customer]));
                Assert.True(own ? owners[customer] == collector : team.Any(c => c.Id == collector), $"seed {seed}: {customer} ({segments[customer]}) on {collector}'s list");
            }

            // An unassigned customer left off every list means its team had no room left.
            foreach (var f in portfolio.Where(f => WorklistBuilder.IsEligible(f) && owners[f.CustomerId] is not ("kim" or "sam") && !listed.ContainsKey(f.CustomerId)))
            {
                var team = policy.Worklist.TeamOf(policy.TeamOf(segments[f.CustomerId]));
                Assert.All(team, c => Assert.Equal(policy.Worklist.CapacityOf(c), worklist.ByCollector[c.Id].Count));
            }
        }
    }

    [Fact]
    public void MatchesLookupByIdGivenSegmentsByPosition()
    {
        var portfolio = Enumerable.Range(1, 9).Select(i => A.Features("C" + i) with { OverdueBalance = 1_000m * i }).ToArray();
        var segments = portfolio.Select((_, i) => i % 3 == 0 ? "key-accounts" : "standard").ToArray();
        var byId = portfolio.Select((f, i) => (f.CustomerId, Segment: segments[i])).ToDictionary(x => x.CustomerId, x => x.Segment);
        var policy = RankingPolicy.WithTeams();

        var byPosition = WorklistBuilder.Build(portfolio, new string?[portfolio.Length], policy, segments);

        Assert.Equal(Describe(WorklistBuilder.Build(portfolio, Nobody, policy, id => byId[id])), Describe(byPosition));
        Assert.All(worklist(byPosition, "kim").Concat(worklist(byPosition, "kai")), id => Assert.Equal("key-accounts", byId[new CustomerId(id)]));

        static string[] worklist(RankedWorklist lists, string collector) => Ids(lists.ByCollector[collector]);
    }

    [Fact]
    public void ThrowsGivenCollectorsNotParallelToThePortfolio() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WorklistBuilder.Build(Portfolio(3), new string?[2], RankingPolicy.With()));

    private static string[] Describe(RankedWorklist worklist) =>
    [
        .. worklist.Top.Select(i => $"top {i.Rank} {i.CustomerId} {i.Score} {i.Collector}"),
        .. worklist.ByCollector.OrderBy(l => l.Key, StringComparer.Ordinal).SelectMany(l => l.Value.Select(i => $"{l.Key} {i.Rank} {i.CustomerId} {i.Collector}")),
    ];

    private static void AssertAgreesWithFullSort(CustomerFeatures[] portfolio, Func<CustomerId, string?> ownerOf, CollectionPolicy policy, RankedWorklist worklist, int seed)
    {
        var scale = PortfolioScale.From(portfolio);
        var ranked = portfolio
            .Where(f => WorklistBuilder.IsEligible(f))
            .Select(f => (f.CustomerId, Score: PriorityScorer.Score(f, policy.Ranking, scale).Score))
            .OrderByDescending(x => x.Score).ThenBy(x => x.CustomerId.Value, StringComparer.Ordinal)
            .ToArray();
        var expectedTop = ranked.Take(policy.Worklist.TotalCapacity).Select(x => x.CustomerId.Value);
        Assert.True(expectedTop.SequenceEqual(Ids(worklist.Top)), $"seed {seed}");

        var listed = new HashSet<CustomerId>();
        foreach (var collector in policy.Worklist.Collectors)
        {
            var list = worklist.ByCollector[collector.Id];
            var own = ranked.Where(x => ownerOf(x.CustomerId) == collector.Id).Take(policy.Worklist.CapacityOf(collector)).Select(x => x.CustomerId);
            Assert.True(list.Count <= policy.Worklist.CapacityOf(collector), $"seed {seed}");
            Assert.True(own.All(id => list.Any(i => i.CustomerId == id)), $"seed {seed}: {collector.Id} misses an own customer");
            Assert.True(list.Zip(list.Skip(1)).All(p => p.First.Score >= p.Second.Score), $"seed {seed}: unsorted");
            Assert.All(list, i => Assert.True(listed.Add(i.CustomerId), $"seed {seed}: {i.CustomerId} listed twice"));
        }
    }

    private static CustomerFeatures[] Portfolio(int count) =>
        Enumerable.Range(1, count).Select(i => A.Features("C" + i) with { OverdueBalance = i * 100m }).ToArray();

    private static string[] Ids(IEnumerable<WorklistItem> items) => items.Select(i => i.CustomerId.Value).ToArray();
}
