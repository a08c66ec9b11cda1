using System.Globalization;
using ArFunctions.Domain.Features;

namespace ArFunctions.Domain.Conditions;

/// <summary>Comparison operators a rule may use. <c>=</c> and <c>==</c> both mean <see cref="Equal"/>.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

public static class ComparisonOperators
{
    public static IReadOnlyList<string> Symbols { get; } = ["=", "==", "!=", "<", "<=", ">", ">="];

    public static bool TryParse(string? symbol, out ComparisonOperator op)
    {
        switch (symbol)
        {
            case "=" or "==": op = ComparisonOperator.Equal; return true;
            case "!=": op = ComparisonOperator.NotEqual; return true;
            case "<": op = ComparisonOperator.LessThan; return true;
            case "<=": op = ComparisonOperator.LessThanOrEqual; return true;
            case ">": op = ComparisonOperator.GreaterThan; return true;
            case ">=": op = ComparisonOperator.GreaterThanOrEqual; return true;
            default: op = default; return false;
        }
    }

    public static string Symbol(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };

    public static bool IsOrdering(this ComparisonOperator op) => op is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual);

    internal static bool Compare(int comparison, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => comparison == 0,
        ComparisonOperator.NotEqual => comparison != 0,
        ComparisonOperator.LessThan => comparison < 0,
        ComparisonOperator.LessThanOrEqual => comparison <= 0,
        ComparisonOperator.GreaterThan => comparison > 0,
        _ => comparison >= 0,
    };
}

/// <summary>
/// A predicate over a customer's features: a comparison, or all / any / not of other conditions.
/// Built by the policy loader, which has already checked that fields, operators and values fit together.
/// </summary>
public abstract class Condition
{
    public abstract bool IsSatisfiedBy(in CustomerFeatures features);

    /// <summary>Adds every comparison below this condition, in document order.</summary>
    public abstract void CollectComparisons(List<Comparison> into);

    /// <summary>
    /// The condition as a person reads it: <c>avgDaysLate &gt; 15 or riskScore &gt;= 70</c>. Conditions are immutable,
    /// so the text is built once and kept: the segmenter reports the matched rule for every customer every day.
    /// </summary>
    public abstract override string ToString();
}

/// <summary>True when every part is (an empty list is true).</summary>
public sealed class AllCondition(IReadOnlyList<Condition> parts) : Condition
{
    private string? _text;

    public IReadOnlyList<Condition> Parts { get; } = parts;

    public override bool IsSatisfiedBy(in CustomerFeatures features)
    {
        for (var i = 0; i < Parts.Count; i++)
        {
            if (!Parts[i].IsSatisfiedBy(features))
            {
                return false;
            }
        }

        return true;
    }

    public override void CollectComparisons(List<Comparison> into)
    {
        foreach (var part in Parts)
        {
            part.CollectComparisons(into);
        }
    }

    public override string ToString() => _text ??= Parts.Count == 1 ? Parts[0].ToString() : "(" + string.Join(" and ", Parts) + ")";
}

/// <summary>True when at least one part is (an empty list is false).</summary>
public sealed class AnyCondition(IReadOnlyList<Condition> parts) : Condition
{
    private string? _text;

    public IReadOnlyList<Condition> Parts { get; } = parts;

    public override bool IsSatisfiedBy(in CustomerFeatures features)
    {
        for (var i = 0; i < Parts.Count; i++)
        {
            if (Parts[i].IsSatisfiedBy(features))
            {
                return true;
            }
        }

        return false;
    }

    public override void CollectComparisons(List<Comparison> into)
    {
        foreach (var part in Parts)
        {
            part.CollectComparisons(into);
        }
    }

    public override string ToString() => _text ??= Parts.Count == 1 ? Parts[0].ToString() : "(" + string.Join(" or ", Parts) + ")";
}

public sealed class NotCondition(Condition inner) : Condition
{
    private string? _text;

    public Condition Inner { get; } = inner;

    public override bool IsSatisfiedBy(in CustomerFeatures features) => !Inner.IsSatisfiedBy(features);

    public override void CollectComparisons(List<Comparison> into) => Inner.CollectComparisons(into);

    public override string ToString() => _text ??= "not " + Inner;
}

/// <summary>
/// <c>field op value</c>. Numbers compare as doubles, and a missing number (NaN) satisfies no operator,
/// not even <c>!=</c>. Enums compare by ordinal (so <c>riskClass &gt;= high</c> works), text case-insensitively.
/// </summary>
public sealed class Comparison : Condition
{
    private readonly double _number;
    private readonly int _enumOrdinal;
    private readonly string _text;
    private string? _display;

    private Comparison(FeatureDefinition feature, ComparisonOperator op, double number, int enumOrdinal, string text)
    {
        Feature = feature;
        Operator = op;
        _number = number;
        _enumOrdinal = enumOrdinal;
        _text = text;
    }

    public FeatureDefinition Feature { get; }

    public ComparisonOperator Operator { get; }

    /// <summary>The right-hand side of a <see cref="FeatureKind.Number"/> comparison; 0 for the other kinds.</summary>
    internal double Number => _number;

    /// <summary>The right-hand side as written.</summary>
    public string ValueText => Feature.Kind switch
    {
        FeatureKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        FeatureKind.Enum => Feature.EnumNames![_enumOrdinal],
        _ => _text,
    };

    public static Comparison OfNumber(FeatureDefinition feature, ComparisonOperator op, double value)
    {
        Require(feature, FeatureKind.Number);
        return new Comparison(feature, op, value, 0, "");
    }

    public static Comparison OfEnum(FeatureDefinition feature, ComparisonOperator op, int ordinal)
    {
        Require(feature, FeatureKind.Enum);
        if (op.IsOrdering() && !feature.Ordered)
        {
            throw new ArgumentException($"'{feature.Name}' has no order; use = or !=.", nameof(op));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ordinal, feature.EnumNames!.Count);
        return new Comparison(feature, op, 0, ordinal, "");
    }

    public static Comparison OfText(FeatureDefinition feature, ComparisonOperator op, string value)
    {
        Require(feature, FeatureKind.Text);
        if (op.IsOrdering())
        {
            throw new ArgumentException($"'{feature.Name}' is text; use = or !=.", nameof(op));
        }

        return new Comparison(feature, op, 0, 0, value);
    }

    public override bool IsSatisfiedBy(in CustomerFeatures features)
    {
        switch (Feature.Kind)
        {
            case FeatureKind.Number:
                var actual = features.GetNumber(Feature.Id);
                return !double.IsNaN(actual) && ComparisonOperators.Compare(actual.CompareTo(_number), Operator);
            case FeatureKind.Enum:
                return ComparisonOperators.Compare(features.GetEnumOrdinal(Feature.Id).CompareTo(_enumOrdinal), Operator);
            default:
                return ComparisonOperators.Compare(string.Compare(features.GetText(Feature.Id), _text, StringComparison.OrdinalIgnoreCase), Operator);
        }
    }

    public override void CollectComparisons(List<Comparison> into) => into.Add(this);

    /// <summary>The comparison with the customer's actual value: <c>avgDaysLate 18.2 &gt; 15</c>.</summary>
    public string Explain(in CustomerFeatures features) => $"{Feature.Name} {features.Display(Feature.Id)} {Operator.Symbol()} {ValueText}";

    public override string ToString() => _display ??= $"{Feature.Name} {Operator.Symbol()} {ValueText}";

    private static void Require(FeatureDefinition feature, FeatureKind kind)
    {
        if (feature.Kind != kind)
        {
            throw new ArgumentException($"'{feature.Name}' is a {feature.Kind} feature, not {kind}.", nameof(feature));
        }
    }
}
