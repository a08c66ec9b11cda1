using ArFunctions.Domain.Common;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Tests.Builders;
using ArFunctions.Domain.Worklist;

namespace ArFunctions.Domain.Tests.Engine;

public class CollectionsEngineRun
{
    [Fact]
    public void ListsEachCustomerWithItsOwnCollectorGivenAssignedAndUnassignedCustomers()
    {
        // Alice has room for one, her own C1 (not C4); C2 (unassigned) and C3 (an unknown collector) go to Bob.
        var policy = RankingPolicy.With(RankingPolicy.Team(("alice", 1), ("bob", 2)));
        CustomerRecords[] portfolio =
        [
            Records("C1", "alice", 5_000m), Records("C2", null, 9_000m), Records("C3", "ghost", 1_000m), Records("C4", "alice", 500m),
        ];

        var (features, worklist) = CollectionsEngine.Run(portfolio, policy, A.Today, (_, _) => { });

        Assert.Equal(["C1"], worklist.ByCollector["alice"].Select(i => i.CustomerId.Value));
        Assert.Equal(["C2", "C3"], worklist.ByCollector["bob"].Select(i => i.CustomerId.Value));
        Assert.Equal(["C2 bob", "C1 alice", "C3 bob"], worklist.Top.Select(i => $"{i.CustomerId} {i.Collector}"));
        var collectors = portfolio.ToDictionary(r => r.Customer.Id, r => r.Customer.AssignedCollector);
        Assert.Equal(Describe(WorklistBuilder.Build(features, id => collectors[id], policy)), Describe(worklist));
    }

    [Fact]
    public void GivesKeyAccountsToKeyTeamCollectorsOnlyGivenSegmentsByBalanceRank()
    {
        // Key accounts are the two largest balances (C6, C5), segmented on the day: only kim and kai (team key) get
        // them, and sam (team standard) gets only standard customers, whatever the scores.
        var policy = RankingPolicy.WithTeams(keyAccounts: 2, capacity: 3);
        CustomerRecords[] portfolio = [.. Enumerable.Range(1, 6).Select(i => Records("C" + i, null, 1_000m * i))];

        var day = CollectionsEngine.Run(portfolio, policy, A.Today);

        var key = portfolio.Where((_, i) => day.Decisions[i].Segment.SegmentId == "key-accounts").Select(r => r.Customer.Id.Value).Order().ToArray();
        Assert.Equal(["C5", "C6"], key);
        Assert.Equal(key, day.Worklist.ByCollector["kim"].Concat(day.Worklist.ByCollector["kai"]).Select(i => i.CustomerId.Value).Order());
        Assert.Equal(["C4", "C3", "C2"], day.Worklist.ByCollector["sam"].Select(i => i.CustomerId.Value));
    }

    [Fact]
    public void DecidesEachCustomerAsItsFinalRankDoesGivenSegmentsByBalanceRank()
    {
        // Most customers are decided before the ranks are known, with a rank standing for every rank beyond the
        // policy's balanceRank values (RankProof); balances in no particular order put several in the top on the way.
        var policy = RankingPolicy.WithTeams(keyAccounts: 2, capacity: 3);
        int[] order = [7, 3, 12, 1, 9, 15, 4, 11, 2, 14, 6, 13, 5, 10, 8];
        CustomerRecords[] portfolio = [.. order.Select(i => Records("C" + i, null, 1_000m * i))];
        var handedOn = new List<int>();

        var (features, _) = CollectionsEngine.Run(portfolio, policy, A.Today, (index, _) => handedOn.Add(index));
        var day = CollectionsEngine.Run(portfolio, policy, A.Today);

        Assert.Equal(Enumerable.Range(0, portfolio.Length), handedOn.Order());
        for (var i = 0; i < portfolio.Length; i++)
        {
            var alone = CollectionsEngine.Decide(portfolio[i], features[i], policy, A.Today);
            Assert.Equal(Summary(alone) + " | " + string.Join("; ", alone.Segment.Triggers), Summary(day.Decisions[i]) + " | " + string.Join("; ", day.Decisions[i].Segment.Triggers));
        }

        Assert.Equal(["C14", "C15"], portfolio.Where((_, i) => day.Decisions[i].Segment.SegmentId == "key-accounts").Select(r => r.Customer.Id.Value).Order());
    }

    [Fact]
    public void HandsOnTheDecisionsItWouldKeepGivenACallback()
    {
        var policy = PlannerPolicyBuilder.Policy(PlannerPolicyBuilder.Ladder(PlannerPolicyBuilder.Email("e1", 1), PlannerPolicyBuilder.Call("c5", 5)));
        CustomerRecords[] portfolio = [Records("C1", "alice", 5_000m), Records("C2", null, 9_000m)];
        var handedOn = new CustomerDecision[portfolio.Length];

        CollectionsEngine.Run(portfolio, policy, A.Today, (index, decision) => handedOn[index] = decision);
        var kept = CollectionsEngine.Run(portfolio, policy, A.Today);

        Assert.Equal(kept.Decisions.Select(Summary), handedOn.Select(Summary));
        Assert.All(kept.Decisions, d => Assert.NotEmpty(d.Plan.Actions));
    }

    [Fact]
    public void ChasesNoCoveredInvoiceAndRanksAndListsByNetBalanceGivenCredits()
    {
        var policy = PlannerPolicyBuilder.Policy(PlannerPolicyBuilder.Ladder(PlannerPolicyBuilder.Email("e1", 1)));
        var covered = Records("C1", "alice", 5_000m) with { Credits = new ArraySegment<Credit>([Credit("C1", 5_000m)]) };
        var partly = Records("C2", "alice", 3_000m) with { Credits = new ArraySegment<Credit>([Credit("C2", 1_000m)]) };

        var day = CollectionsEngine.Run([covered, partly], policy, A.Today);

        Assert.Empty(day.Decisions[0].Plan.Actions);
        var reason = Assert.Single(DayDecision.Of(covered.Customer.Id, A.Today, day.Decisions[0])!.NotFired);
        Assert.Equal((NotFiredReason.CoveredByCredit, "INV-C1"), (reason.Reason, reason.InvoiceId?.Value));
        Assert.Single(day.Decisions[1].Plan.Actions);
        Assert.Equal([0m, 2_000m], day.Features.Select(f => f.OverdueBalance));
        Assert.Equal(1, day.Features[1].BalanceRank);
        var listed = Assert.Single(day.Worklist.Top);
        Assert.Equal(("C2", 2_000m), (listed.CustomerId.Value, listed.OverdueBalance));
        Assert.Contains(listed.Reasons, r => r.Text == "2,000.00 overdue");
    }

    private static Credit Credit(string customerId, decimal amount) =>
        new("CM-" + customerId, new CustomerId(customerId), CreditKind.CreditMemo, amount, A.Usd, A.Today.AddDays(-1));

    private static CustomerRecords Records(string customerId, string? collector, decimal overdue) => new()
    {
        Customer = A.Customer(customerId) with { AssignedCollector = collector },
        Invoices = new ArraySegment<Invoice>([A.Invoice("INV-" + customerId, A.Today.AddDays(-10), overdue, customerId)]),
        Ledger = [],
    };

    private static string Summary(CustomerDecision decision) =>
        decision.Segment.SegmentId + ": " + string.Join(", ", decision.Plan.Actions.Select(a => a.ActionId));

    private static string[] Describe(RankedWorklist worklist) =>
    [
        .. worklist.Top.Select(i => $"top {i.Rank} {i.CustomerId} {i.Score} {i.Collector}"),
        .. worklist.ByCollector.SelectMany(l => l.Value.Select(i => $"{l.Key} {i.Rank} {i.CustomerId}")),
    ];
}
