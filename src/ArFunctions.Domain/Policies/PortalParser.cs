using System.Globalization;

namespace ArFunctions.Domain.Policies;

/// <summary>Reads <c>portal</c>: how long a customer's personal link lasts and which promises the page accepts at once.</summary>
internal static class PortalParser
{
    public const int MaxLinkDays = 365;
    public const int MaxPromiseDaysAhead = 365;

    private static readonly string[] PortalProperties = ["linkDays", "promises"];
    private static readonly string[] PromiseProperties = ["maxDaysAhead", "minShare"];

    public static PortalSettings Portal(PolicyJsonReader reader, PolicyNode root)
    {
        var defaults = PortalSettings.Default;
        if (!reader.TryGet(root, "portal", required: false, out var node) || !reader.IsObject(node, PortalProperties))
        {
            return defaults;
        }

        var linkDays = reader.Integer(node, "linkDays", 1, MaxLinkDays) ?? defaults.LinkDays;
        if (!reader.TryGet(node, "promises", required: false, out var promises) || !reader.IsObject(promises, PromiseProperties))
        {
            return defaults with { LinkDays = linkDays };
        }

        var maxDaysAhead = reader.Integer(promises, "maxDaysAhead", 1, MaxPromiseDaysAhead) ?? defaults.Promises.MaxDaysAhead;
        var minShare = Share(reader, promises, "minShare") ?? defaults.Promises.MinShare;
        return new PortalSettings(linkDays, new PortalPromiseSettings(maxDaysAhead, minShare));
    }

    /// <summary>A share of an amount: a number from 0 to 1.</summary>
    private static decimal? Share(PolicyJsonReader reader, PolicyNode parent, string name)
    {
        if (!reader.TryGet(parent, name, required: false, out var node) || reader.Decimal(node, 0m) is not { } value)
        {
            return null;
        }

        if (value <= 1m)
        {
            return value;
        }

        reader.Error(node.Path, string.Create(CultureInfo.InvariantCulture, $"must be a share from 0 to 1 (0.5 is half), got {value}"));
        return null;
    }
}
