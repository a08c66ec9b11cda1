using ArFunctions.Domain.Common;
using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Builders;

/// <summary>Policies and teams for worklist and ranking tests: one default segment, everything else minimal.</summary>
public static class RankingPolicy
{
    public static CollectionPolicy With(WorklistSettings? worklist = null, RankingWeights? ranking = null, decimal minimumBalance = 0m) =>
        With([new SegmentDefinition("standard", null, true, "standard", 0)], worklist, ranking, minimumBalance);

    /// <summary>
    /// An AR team's policy: segment <c>key-accounts</c> (the <paramref name="keyAccounts"/> largest balances, team
    /// <c>key</c>) and the default <c>standard</c> (team <c>standard</c>), with collectors kim and kai (team key) and
    /// sam (team standard), each of the given capacity.
    /// </summary>
    public static CollectionPolicy WithTeams(int keyAccounts = 2, int capacity = 2)
    {
        Assert.True(FeatureCatalog.TryGet("balanceRank", out var rank));
        SegmentDefinition[] segments =
        [
            new("key-accounts", Comparison.OfNumber(rank, ComparisonOperator.LessThanOrEqual, keyAccounts), false, "standard", 1, Team: "key"),
            new("standard", null, true, "standard", 0, Team: "standard"),
        ];
        return With(segments, new WorklistSettings(capacity, [new("kim", "key"), new("kai", "key"), new("sam", "standard")]));
    }

    private static CollectionPolicy With(SegmentDefinition[] segments, WorklistSettings? worklist, RankingWeights? ranking = null, decimal minimumBalance = 0m) => new(
        "test",
        new CurrencySettings(A.Usd, new Dictionary<CurrencyCode, decimal>()),
        BusinessCalendar.Default,
        segments,
        [new Strategy("standard", "1", DayCounting.Calendar, [])],
        [],
        new HysteresisSettings(7),
        new ContactSettings(2, []),
        new PromiseSettings(3, "supervisor"),
        worklist ?? new WorklistSettings(20, []),
        ranking ?? new RankingWeights(),
        minimumBalance);

    /// <summary>A team where each collector has the given capacity; the default capacity is 20.</summary>
    public static WorklistSettings Team(params (string Id, int Capacity)[] collectors) =>
        new(20, collectors.Select(c => new CollectorDefinition(c.Id, Capacity: c.Capacity)).ToArray());

    /// <summary>Weights with every component zero except those set by the caller.</summary>
    public static RankingWeights OnlyWeights(
        double overdueBalance = 0,
        double daysPastDue = 0,
        double risk = 0,
        double paymentHistory = 0,
        double orderLeverage = 0,
        double interactionDifficulty = 0,
        double lowMargin = 0,
        double brokenPromises = 0) =>
        new(overdueBalance, daysPastDue, risk, paymentHistory, orderLeverage, interactionDifficulty, lowMargin, brokenPromises);
}
