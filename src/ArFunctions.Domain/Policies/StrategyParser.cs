using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Policies;

/// <summary>A strategy as read: its id and where it was declared even when the strategy itself is broken.</summary>
internal sealed record StrategyDraft(string? Id, string IdPath, Strategy? Strategy);

/// <summary>Reads <c>strategies</c>: ladders of steps, each a day offset from the due date and an action.</summary>
internal static class StrategyParser
{
    public const int MinDay = -365;
    public const int MaxDay = 3650;

    private static readonly string[] StrategyProperties = ["id", "days", "version", "description", "steps"];
    private static readonly string[] StepProperties = ["id", "day", "action", "template", "contactRole", "to", "when"];

    public static List<StrategyDraft> ParseAll(PolicyJsonReader reader, PolicyNode root, PolicyLoadOptions options)
    {
        var drafts = new List<StrategyDraft>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in reader.Items(root, "strategies", required: true))
        {
            var draft = Parse(reader, node, options);
            if (draft.Id is { } id && !seen.TryAdd(id, node.Path))
            {
                reader.Error(draft.IdPath, $"duplicate strategy id '{id}' (first declared at {seen[id]})");
            }

            drafts.Add(draft);
        }

        if (drafts.Count == 0 && root.Element.TryGetProperty("strategies", out _))
        {
            reader.Error(root.ChildPath("strategies"), "needs at least one strategy");
        }

        return drafts;
    }

    /// <summary>
    /// A short hash (8 hex digits of SHA-256) of everything that shapes the ladder: the day counting and each
    /// step's id, day, action, template, contact role, assignee and condition. Descriptions do not count.
    /// </summary>
    public static string Fingerprint(DayCounting days, IReadOnlyList<StrategyStep> steps)
    {
        var text = new StringBuilder();
        Field(text, KebabName<DayCounting>.Format(days));
        text.Append('\n');
        foreach (var step in steps)
        {
            Field(text, step.Id);
            Field(text, step.Day.ToString(CultureInfo.InvariantCulture));
            Field(text, KebabName<StepAction>.Format(step.Action));
            Field(text, step.Template);
            Field(text, step.ContactRole is { } role ? KebabName<ContactRole>.Format(role) : null);
            Field(text, step.AssignTo);
            Field(text, step.When?.ToString());
            text.Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash, 0, 4);
    }

    private static void Field(StringBuilder text, string? value)
    {
        // Length-prefixed so that no choice of characters in one field can imitate another field.
        if (value is null)
        {
            text.Append("-;");
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }

    private static StrategyDraft Parse(PolicyJsonReader reader, PolicyNode node, PolicyLoadOptions options)
    {
        var idPath = node.ChildPath("id");
        if (!reader.IsObject(node, StrategyProperties))
        {
            return new StrategyDraft(null, idPath, null);
        }

        var errorsBefore = reader.ErrorCount;
        var id = reader.Key(node, "id");
        var days = reader.Enum<DayCounting>(node, "days", "day counting") ?? DayCounting.Calendar;
        var declaredVersion = reader.Key(node, "version", required: false);
        var description = reader.String(node, "description");
        var steps = ParseSteps(reader, node, options);
        if (id is null || reader.ErrorCount != errorsBefore)
        {
            return new StrategyDraft(id, idPath, null);
        }

        var sorted = steps.OrderBy(s => s.Day).ToArray();
        var version = declaredVersion ?? Fingerprint(days, sorted);
        return new StrategyDraft(id, idPath, new Strategy(id, version, days, sorted, description));
    }

    private static List<StrategyStep> ParseSteps(PolicyJsonReader reader, PolicyNode strategy, PolicyLoadOptions options)
    {
        var steps = new List<StrategyStep>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = reader.Items(strategy, "steps", required: true);
        if (items.Count == 0 && strategy.Element.TryGetProperty("steps", out _))
        {
            reader.Error(strategy.ChildPath("steps"), "needs at least one step");
        }

        foreach (var node in items)
        {
            if (ParseStep(reader, node, options) is not { } step)
            {
                continue;
            }

            if (!seen.TryAdd(step.Id, node.Path))
            {
                reader.Error(node.ChildPath("id"), $"duplicate step id '{step.Id}' (also {seen[step.Id]}); give one of them an explicit \"id\"");
            }

            steps.Add(step);
        }

        return steps;
    }

    private static StrategyStep? ParseStep(PolicyJsonReader reader, PolicyNode node, PolicyLoadOptions options)
    {
        var errorsBefore = reader.ErrorCount;
        if (!reader.IsObject(node, StepProperties))
        {
            return null;
        }

        var explicitId = reader.Key(node, "id", required: false);
        var day = reader.Integer(node, "day", MinDay, MaxDay, required: true);
        var action = reader.Enum<StepAction>(node, "action", "action", required: true);
        var template = reader.String(node, "template");
        var role = reader.Enum<ContactRole>(node, "contactRole", "contact role");
        var to = reader.String(node, "to");
        var when = reader.TryGet(node, "when", required: false, out var whenNode) ? ConditionParser.Parse(reader, whenNode) : null;
        if (action is { } checkedAction)
        {
            CheckActionFields(reader, node, checkedAction, template, options);
        }

        if (reader.ErrorCount != errorsBefore || day is not { } d || action is not { } a)
        {
            return null;
        }

        var id = explicitId ?? string.Create(CultureInfo.InvariantCulture, $"d{d}-{KebabName<StepAction>.Format(a)}");
        return new StrategyStep(id, d, a, template, role, to, when);
    }

    private static void CheckActionFields(PolicyJsonReader reader, PolicyNode node, StepAction action, string? template, PolicyLoadOptions options)
    {
        var name = KebabName<StepAction>.Format(action);
        var hasTemplate = Has(node, "template");
        var hasTo = Has(node, "to");
        if (action is StepAction.Email or StepAction.Letter)
        {
            if (!hasTemplate)
            {
                reader.Error(node.ChildPath("template"), $"is required for {name} steps");
            }
            else if (template is not null && options.KnownTemplates is { } known && !known.Contains(template))
            {
                reader.Error(node.ChildPath("template"), NameSuggester.Unknown("template", template, known.Order(StringComparer.Ordinal).ToArray()));
            }
        }
        else if (action == StepAction.Call && hasTemplate)
        {
            reader.Error(node.ChildPath("template"), "is not allowed for call steps: a collector makes the call");
        }

        if (action is StepAction.Escalate or StepAction.Agency)
        {
            if (!hasTo)
            {
                reader.Error(node.ChildPath("to"), $"is required for {name} steps: name the role or team that takes over");
            }
        }
        else if (hasTo)
        {
            reader.Error(node.ChildPath("to"), $"is only for escalate and agency steps, not {name}");
        }
    }

    private static bool Has(PolicyNode node, string name) =>
        node.Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
