using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;
using ArFunctions.Domain.Worklist;

namespace ArFunctions.Domain.Engine;

/// <summary>
/// One day of collections for a portfolio, in the order the decisions depend on each other: features of every
/// customer, balance ranks across the portfolio, then per customer its segment (with hysteresis) and its plan,
/// and finally the ranked, capacity-sized worklists. A customer's credits are allocated to its open invoices
/// (<see cref="CreditAllocation.Allocate"/>) before any of it: features see the invoices net of credits, and the
/// planner does not chase what a credit covers. Pure: the caller persists what comes out.
/// </summary>
public static class CollectionsEngine
{
    /// <summary>The customer's credits allocated to its open invoices as of <paramref name="asOf"/>: the one allocation every decision reads.</summary>
    public static CreditAllocation Credits(in CustomerRecords records, DateOnly asOf) =>
        CreditAllocation.Allocate(records.Invoices, records.Credits, asOf);

    public static CustomerFeatures Features(in CustomerRecords records, CollectionPolicy policy, DateOnly asOf) =>
        FeatureCalculator.Compute(records.Customer, records.Invoices, records.Payments, records.Interactions, asOf, policy.Currency, Credits(records, asOf));

    /// <summary>Segment and plan for one customer whose features (with balance rank) are known.</summary>
    public static CustomerDecision Decide(in CustomerRecords records, in CustomerFeatures features, CollectionPolicy policy, DateOnly asOf)
    {
        var segment = Segmenter.Assign(features, policy, records.PreviousSegment, asOf);
        var strategy = policy.StrategyFor(policy.Segment(segment.SegmentId));
        var plan = DunningPlanner.Plan(new PlanningInput(records.Invoices)
        {
            Customer = records.Customer,
            Features = features,
            Strategy = strategy,
            Ledger = records.Ledger ?? [],
            Credits = Credits(records, asOf),
            ContactsInLast6Days = records.ContactsInLast6Days,
            ContactStates = records.ContactStates,
            IsBaseline = IsBaseline(records, policy, asOf),
            AsOf = asOf,
            Policy = policy,
        });
        return new CustomerDecision(segment, plan);
    }

    /// <summary>
    /// Whether <paramref name="asOf"/> is a baseline day for the customer (<see cref="BaselineSettings"/>): a date the
    /// policy marks, or its first run, meaning no segment state from an earlier day and no step in its ledger (an
    /// imported contact history is a ladder under way). A state written by this same day's first attempt, with no
    /// segment before it, still counts as the first run, so a retried shard decides as the first attempt did.
    /// </summary>
    public static bool IsBaseline(in CustomerRecords records, CollectionPolicy policy, DateOnly asOf)
    {
        if (policy.Baseline.Dates.Contains(asOf))
        {
            return true;
        }

        var firstEvaluation = records.PreviousSegment is not { } previous
            || (previous.EvaluatedOn == asOf && previous.Since == asOf && previous.PreviousSegmentId is null);
        return firstEvaluation && (records.Ledger is null || records.Ledger.Count == 0);
    }

    /// <summary>Runs the whole day for a portfolio held in memory and keeps every decision.</summary>
    public static PortfolioDay Run(ReadOnlySpan<CustomerRecords> portfolio, CollectionPolicy policy, DateOnly asOf)
    {
        var decisions = new CustomerDecision[portfolio.Length];
        var (features, worklist) = Run(portfolio, policy, asOf, (index, decision) => decisions[index] = decision);
        return new PortfolioDay(asOf, features, decisions, worklist);
    }

    /// <summary>
    /// Runs the whole day and hands each customer's decision to <paramref name="onDecision"/> (with the customer's
    /// index) as soon as it is made, as the daily run does when it persists a shard's decisions and moves on; a
    /// caller that does not keep them lets a large portfolio's plans die young instead of filling the heap.
    /// </summary>
    /// <remarks>
    /// A decision reads the balance rank only through the policy's <c>balanceRank</c> comparisons, so a customer proven
    /// to rank beyond every value they compare with (<see cref="RankProof"/>) is decided right after its features, while
    /// its records are still in the cache, with a rank standing for all such ranks; the outcome is the one its real rank
    /// gives. The others (the strongest balances seen so far, and any whose segment move is explained with the rank's
    /// value) are decided once the ranks are known. So decisions are handed on in portfolio order except those few,
    /// which come last, in portfolio order too.
    /// </remarks>
    public static (CustomerFeatures[] Features, RankedWorklist Worklist) Run(
        ReadOnlySpan<CustomerRecords> portfolio, CollectionPolicy policy, DateOnly asOf, Action<int, CustomerDecision> onDecision)
    {
        var features = new CustomerFeatures[portfolio.Length];
        var collectors = new string?[portfolio.Length];
        var segments = new string?[portfolio.Length];
        var proof = RankProof.For(policy, portfolio.Length);
        var later = new List<int>();
        for (var i = 0; i < portfolio.Length; i++)
        {
            features[i] = Features(portfolio[i], policy, asOf);
            collectors[i] = portfolio[i].Customer.AssignedCollector;
            if (proof is null || !proof.RanksBeyondBound(features[i], i))
            {
                later.Add(i);
                continue;
            }

            var decision = Decide(portfolio[i], features[i] with { BalanceRank = proof.StandIn }, policy, asOf);
            if (proof.Bound > 0 && decision.Segment.Triggers.Count > 0)
            {
                // A trigger may show the rank's value: decide again with the real one.
                later.Add(i);
                continue;
            }

            segments[i] = decision.Segment.SegmentId;
            onDecision(i, decision);
        }

        BalanceRanking.Assign(features);
        foreach (var i in later)
        {
            var decision = Decide(portfolio[i], features[i], policy, asOf);
            segments[i] = decision.Segment.SegmentId;
            onDecision(i, decision);
        }

        return (features, WorklistBuilder.Build(features, collectors, policy, segments));
    }
}

/// <summary>A whole day of the engine with every decision kept; arrays are in the portfolio's order.</summary>
public sealed record PortfolioDay(DateOnly AsOf, CustomerFeatures[] Features, CustomerDecision[] Decisions, RankedWorklist Worklist);
