namespace ArFunctions.Domain.Policies;

/// <summary>Reads <c>worklist</c> (collectors and their capacity) and <c>ranking</c> (priority weights).</summary>
internal static class WorklistParser
{
    public const int DefaultCapacity = 20;
    public const int MaxCapacity = 500;

    private static readonly string[] WorklistProperties = ["capacityPerCollector", "collectors"];
    private static readonly string[] CollectorProperties = ["id", "team", "capacity", "identity"];
    private static readonly string[] RankingProperties =
        ["overdueBalance", "daysPastDue", "risk", "paymentHistory", "orderLeverage", "interactionDifficulty", "lowMargin", "brokenPromises"];

    public static WorklistSettings Worklist(PolicyJsonReader reader, PolicyNode root)
    {
        if (!reader.TryGet(root, "worklist", required: false, out var node) || !reader.IsObject(node, WorklistProperties))
        {
            return new WorklistSettings(DefaultCapacity, []);
        }

        var capacity = reader.Integer(node, "capacityPerCollector", 1, MaxCapacity) ?? DefaultCapacity;
        var collectors = new List<CollectorDefinition>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var identities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in reader.Items(node, "collectors"))
        {
            var errorsBefore = reader.ErrorCount;
            if (!reader.IsObject(item, CollectorProperties))
            {
                continue;
            }

            var id = reader.Key(item, "id");
            var team = reader.String(item, "team");
            var own = reader.Integer(item, "capacity", 1, MaxCapacity);
            var identity = reader.String(item, "identity");
            if (identity is not null && !IsIdentity(identity))
            {
                reader.Error(item.ChildPath("identity"), $"'{identity}' is neither an Entra ID object id (a GUID) nor a UPN (name@domain)");
            }
            else if (identity is not null && !identities.TryAdd(identity, item.Path))
            {
                reader.Error(item.ChildPath("identity"), $"identity '{identity}' is already collector {identities[identity]}'s: one person works as one collector");
            }

            if (id is not null && !seen.TryAdd(id, item.Path))
            {
                reader.Error(item.ChildPath("id"), $"duplicate collector id '{id}' (first declared at {seen[id]})");
            }

            if (reader.ErrorCount == errorsBefore)
            {
                collectors.Add(new CollectorDefinition(id!, team, own, identity));
            }
        }

        return new WorklistSettings(capacity, collectors);
    }

    /// <summary>An object id (GUID) or a UPN: one '@' with something on both sides, no spaces.</summary>
    private static bool IsIdentity(string value) =>
        Guid.TryParse(value, out _)
        || (value.Length <= 256 && !value.Any(char.IsWhiteSpace) && value.IndexOf('@', StringComparison.Ordinal) is var at and > 0
            && at < value.Length - 1 && value.IndexOf('@', at + 1) < 0);

    public static RankingWeights Ranking(PolicyJsonReader reader, PolicyNode root)
    {
        var defaults = new RankingWeights();
        if (!reader.TryGet(root, "ranking", required: false, out var node) || !reader.IsObject(node, RankingProperties))
        {
            return defaults;
        }

        return new RankingWeights(
            Weight(reader, node, "overdueBalance", defaults.OverdueBalance),
            Weight(reader, node, "daysPastDue", defaults.DaysPastDue),
            Weight(reader, node, "risk", defaults.Risk),
            Weight(reader, node, "paymentHistory", defaults.PaymentHistory),
            Weight(reader, node, "orderLeverage", defaults.OrderLeverage),
            Weight(reader, node, "interactionDifficulty", defaults.InteractionDifficulty),
            Weight(reader, node, "lowMargin", defaults.LowMargin),
            Weight(reader, node, "brokenPromises", defaults.BrokenPromises));
    }

    private static double Weight(PolicyJsonReader reader, PolicyNode node, string name, double fallback) =>
        reader.Double(node, name, -1, 1) ?? fallback;
}
