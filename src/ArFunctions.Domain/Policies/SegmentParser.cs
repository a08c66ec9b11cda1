using System.Text.Json;
using ArFunctions.Domain.Conditions;

namespace ArFunctions.Domain.Policies;

/// <summary>A segment as read, with where its strategy and team were named, for the cross-checks that follow.</summary>
internal sealed record SegmentDraft(SegmentDefinition? Segment, string? Id, bool IsDefault, string? StrategyId, string? Team, PolicyNode Node);

/// <summary>Reads <c>segments</c>: ordered rules, the first that holds wins, exactly one default catches the rest.</summary>
internal static class SegmentParser
{
    public const int MaxStrictness = 100;

    private static readonly string[] Properties = ["id", "when", "default", "strategy", "strictness", "team", "description"];

    public static List<SegmentDraft> ParseAll(PolicyJsonReader reader, PolicyNode root)
    {
        var drafts = new List<SegmentDraft>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string? defaultPath = null;
        foreach (var node in reader.Items(root, "segments", required: true))
        {
            var draft = Parse(reader, node);
            drafts.Add(draft);
            if (draft.Id is { } id && !ids.TryAdd(id, node.Path))
            {
                reader.Error(node.ChildPath("id"), $"duplicate segment id '{id}' (first declared at {ids[id]})");
            }

            if (draft.IsDefault && defaultPath is not null)
            {
                reader.Error(node.ChildPath("default"), $"only one segment may be the default; {defaultPath} already is");
            }

            defaultPath ??= draft.IsDefault ? node.Path : null;
        }

        if (!root.Element.TryGetProperty("segments", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return drafts;
        }

        if (drafts.Count == 0)
        {
            reader.Error(root.ChildPath("segments"), "needs at least one segment: the default");
        }
        else if (defaultPath is null)
        {
            reader.Error(root.ChildPath("segments"), "has no default segment; mark the catch-all segment with \"default\": true");
        }

        return drafts;
    }

    private static SegmentDraft Parse(PolicyJsonReader reader, PolicyNode node)
    {
        var errorsBefore = reader.ErrorCount;
        if (!reader.IsObject(node, Properties))
        {
            return new SegmentDraft(null, null, false, null, null, node);
        }

        var id = reader.Key(node, "id");
        var isDefault = reader.Boolean(node, "default") ?? false;
        var hasWhen = reader.TryGet(node, "when", required: false, out var whenNode);
        Condition? when = hasWhen ? ConditionParser.Parse(reader, whenNode) : null;
        if (isDefault && hasWhen)
        {
            reader.Error(whenNode.Path, "is not allowed on the default segment: it applies whenever no other segment does");
        }
        else if (!isDefault && !hasWhen)
        {
            reader.Error(node.ChildPath("when"), "is required unless the segment is the default");
        }

        var strategy = reader.Key(node, "strategy");
        var strictness = reader.Integer(node, "strictness", 0, MaxStrictness) ?? 0;
        var team = reader.String(node, "team");
        var description = reader.String(node, "description");
        if (id is null || strategy is null || reader.ErrorCount != errorsBefore)
        {
            return new SegmentDraft(null, id, isDefault, strategy, team, node);
        }

        var segment = new SegmentDefinition(id, when, isDefault, strategy, strictness, team, description);
        return new SegmentDraft(segment, id, isDefault, strategy, team, node);
    }
}
