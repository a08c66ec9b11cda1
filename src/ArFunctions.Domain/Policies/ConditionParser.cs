using System.Text.Json;
using ArFunctions.Domain.Conditions;
using ArFunctions.Domain.Features;

namespace ArFunctions.Domain.Policies;

/// <summary>
/// Reads a condition: <c>{ "field", "op", "value" }</c>, <c>{ "all": [...] }</c>, <c>{ "any": [...] }</c> or
/// <c>{ "not": {...} }</c>, checking that fields exist and that operator and value fit the field's kind.
/// </summary>
internal static class ConditionParser
{
    private static readonly string[] Properties = ["field", "op", "value", "all", "any", "not"];
    private static readonly string[] Forms = ["field", "all", "any", "not"];

    /// <summary>The condition, or null after recording why it cannot be built.</summary>
    public static Condition? Parse(PolicyJsonReader reader, PolicyNode node)
    {
        var errorsBefore = reader.ErrorCount;
        if (!reader.IsObject(node, Properties))
        {
            return null;
        }

        var forms = new List<string>(1);
        foreach (var form in Forms)
        {
            if (node.Element.TryGetProperty(form, out _))
            {
                forms.Add(form);
            }
        }

        if (forms.Count != 1)
        {
            // An unknown property already explains a missing form ("feild"); say nothing more then.
            if (forms.Count > 1 || reader.ErrorCount == errorsBefore)
            {
                reader.Error(node.Path, forms.Count == 0
                    ? "a condition needs one of 'field', 'all', 'any' or 'not'"
                    : $"a condition has exactly one of 'field', 'all', 'any' or 'not', found {string.Join(" and ", forms.Select(f => $"'{f}'"))}");
            }

            return null;
        }

        return forms[0] switch
        {
            "field" => ParseComparison(reader, node),
            "not" => ParseNot(reader, node),
            var combinator => ParseList(reader, node, combinator),
        };
    }

    private static NotCondition? ParseNot(PolicyJsonReader reader, PolicyNode node)
    {
        RejectComparisonParts(reader, node, "not");
        reader.TryGet(node, "not", required: true, out var inner);
        var condition = Parse(reader, inner);
        return condition is null ? null : new NotCondition(condition);
    }

    private static Condition? ParseList(PolicyJsonReader reader, PolicyNode node, string combinator)
    {
        RejectComparisonParts(reader, node, combinator);
        if (!reader.TryGet(node, combinator, required: true, out var list) || !reader.Expect(list, JsonValueKind.Array))
        {
            return null;
        }

        var items = reader.Items(node, combinator);
        if (items.Count == 0)
        {
            reader.Error(list.Path, "needs at least one condition");
            return null;
        }

        var parts = new List<Condition>(items.Count);
        foreach (var item in items)
        {
            if (Parse(reader, item) is { } part)
            {
                parts.Add(part);
            }
        }

        if (parts.Count != items.Count)
        {
            return null;
        }

        return combinator == "all" ? new AllCondition(parts) : new AnyCondition(parts);
    }

    private static void RejectComparisonParts(PolicyJsonReader reader, PolicyNode node, string form)
    {
        foreach (var part in (ReadOnlySpan<string>)["op", "value"])
        {
            if (node.Element.TryGetProperty(part, out _))
            {
                reader.Error(node.ChildPath(part), $"belongs to a comparison ('field'), not to '{form}'");
            }
        }
    }

    private static Comparison? ParseComparison(PolicyJsonReader reader, PolicyNode node)
    {
        var feature = ParseField(reader, node);
        var op = ParseOperator(reader, node);
        reader.TryGet(node, "value", required: true, out var value);
        if (feature is null || op is not { } comparisonOperator || value.Kind == JsonValueKind.Undefined)
        {
            return null;
        }

        return feature.Kind switch
        {
            FeatureKind.Number => NumberComparison(reader, feature, comparisonOperator, value),
            FeatureKind.Enum => EnumComparison(reader, feature, comparisonOperator, value, node.ChildPath("op")),
            _ => TextComparison(reader, feature, comparisonOperator, value, node.ChildPath("op")),
        };
    }

    private static FeatureDefinition? ParseField(PolicyJsonReader reader, PolicyNode node)
    {
        var name = reader.String(node, "field", required: true);
        if (name is null)
        {
            return null;
        }

        if (FeatureCatalog.TryGet(name, out var feature))
        {
            return feature;
        }

        reader.Error(node.ChildPath("field"), NameSuggester.Unknown("field", name, FeatureCatalog.Names));
        return null;
    }

    private static ComparisonOperator? ParseOperator(PolicyJsonReader reader, PolicyNode node)
    {
        var symbol = reader.String(node, "op", required: true);
        if (symbol is null)
        {
            return null;
        }

        if (ComparisonOperators.TryParse(symbol, out var op))
        {
            return op;
        }

        reader.Error(node.ChildPath("op"), $"unknown operator '{symbol}'; expected one of: {string.Join(" ", ComparisonOperators.Symbols)}");
        return null;
    }

    private static Comparison? NumberComparison(PolicyJsonReader reader, FeatureDefinition feature, ComparisonOperator op, PolicyNode value)
    {
        if (value.Kind != JsonValueKind.Number)
        {
            reader.Error(value.Path, $"'{feature.Name}' is a number; expected a number, got {value.Element.GetRawText()}");
            return null;
        }

        return Comparison.OfNumber(feature, op, value.Element.GetDouble());
    }

    private static Comparison? EnumComparison(PolicyJsonReader reader, FeatureDefinition feature, ComparisonOperator op, PolicyNode value, string opPath)
    {
        var orderOk = !op.IsOrdering() || feature.Ordered;
        if (!orderOk)
        {
            reader.Error(opPath, $"'{feature.Name}' has no order; use = or !=");
        }

        var names = feature.EnumNames!;
        if (value.Kind != JsonValueKind.String)
        {
            reader.Error(value.Path, $"'{feature.Name}' is one of {string.Join(", ", names)}; expected a string, got {value.Element.GetRawText()}");
            return null;
        }

        var text = value.Element.GetString()!;
        var ordinal = IndexOf(names, text);
        if (ordinal < 0)
        {
            reader.Error(value.Path, NameSuggester.Unknown(feature.Name, text, names));
            return null;
        }

        return orderOk ? Comparison.OfEnum(feature, op, ordinal) : null;
    }

    private static Comparison? TextComparison(PolicyJsonReader reader, FeatureDefinition feature, ComparisonOperator op, PolicyNode value, string opPath)
    {
        var orderOk = !op.IsOrdering();
        if (!orderOk)
        {
            reader.Error(opPath, $"'{feature.Name}' is text; use = or !=");
        }

        if (value.Kind != JsonValueKind.String)
        {
            reader.Error(value.Path, $"'{feature.Name}' is text; expected a string, got {value.Element.GetRawText()}");
            return null;
        }

        return orderOk ? Comparison.OfText(feature, op, value.Element.GetString()!) : null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string text)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
