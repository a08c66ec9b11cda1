using ArFunctions.Domain.Common;
using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Builders;

/// <summary>Policies built straight from the constructor, for segmentation tests; only segments and hysteresis matter.</summary>
public static class SegmentPolicyBuilder
{
    public static CollectionPolicy Policy(int daysToRelax, params SegmentDefinition[] segments)
    {
        var strategies = segments.Select(s => s.StrategyId).Distinct(StringComparer.Ordinal)
            .Select(id => new Strategy(id, "1", DayCounting.Calendar, []))
            .ToArray();
        return new CollectionPolicy(
            "test",
            new CurrencySettings(A.Usd, new Dictionary<CurrencyCode, decimal>()),
            BusinessCalendar.Default,
            segments,
            strategies,
            [],
            new HysteresisSettings(daysToRelax),
            new ContactSettings(3, []),
            new PromiseSettings(0, "collections-manager"),
            new WorklistSettings(20, []),
            new RankingWeights(),
            0m);
    }

    public static SegmentDefinition Segment(string id, Condition when, int strictness) => new(id, when, false, id, strictness);

    public static SegmentDefinition Default(string id = "standard", int strictness = 1) => new(id, null, true, id, strictness);

    /// <summary><c>field op value</c> for a number feature, by wire name and operator symbol.</summary>
    public static Comparison Number(string field, string op, double value) => Comparison.OfNumber(Feature(field), Operator(op), value);

    public static Comparison Enum(string field, string op, string name)
    {
        var feature = Feature(field);
        return Comparison.OfEnum(feature, Operator(op), feature.EnumNames!.ToList().IndexOf(name));
    }

    public static Comparison Text(string field, string op, string value) => Comparison.OfText(Feature(field), Operator(op), value);

    public static Condition All(params Condition[] parts) => new AllCondition(parts);

    public static Condition Any(params Condition[] parts) => new AnyCondition(parts);

    public static Condition Not(Condition inner) => new NotCondition(inner);

    private static FeatureDefinition Feature(string field) =>
        FeatureCatalog.TryGet(field, out var feature) ? feature : throw new ArgumentException("Unknown feature " + field, nameof(field));

    private static ComparisonOperator Operator(string op) =>
        ComparisonOperators.TryParse(op, out var parsed) ? parsed : throw new ArgumentException("Unknown operator " + op, nameof(op));
}
