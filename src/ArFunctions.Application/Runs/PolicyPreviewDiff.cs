namespace ArFunctions.Application.Runs;

/// <summary>
/// The per-customer difference between two evaluations of the same day. Actions are matched by their id, which is how
/// the engine identifies an action (day, customer, kind, and the assignee of an internal task): an id only the draft
/// has is added, one only the policy in force has is removed, and one both have is changed when its template, contact
/// role, invoices or steps differ. Customers with no difference are left out. Pure.
/// </summary>
public static class PolicyPreviewDiff
{
    public static IReadOnlyList<CustomerDifference> Compare(IReadOnlyList<CustomerDay> inForce, IReadOnlyList<CustomerDay> draft)
    {
        var drafted = draft.ToDictionary(d => d.CustomerId, StringComparer.Ordinal);
        var differences = new List<CustomerDifference>();
        foreach (var current in inForce)
        {
            if (Difference(current, drafted.GetValueOrDefault(current.CustomerId)) is { } difference)
            {
                differences.Add(difference);
            }
        }

        var known = inForce.Select(c => c.CustomerId).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(draft.Where(d => !known.Contains(d.CustomerId)).Select(d => Difference(null, d)).OfType<CustomerDifference>());
        return differences;
    }

    private static CustomerDifference? Difference(CustomerDay? inForce, CustomerDay? draft)
    {
        var before = (inForce?.Actions ?? []).ToDictionary(a => a.ActionId, StringComparer.Ordinal);
        var after = (draft?.Actions ?? []).ToDictionary(a => a.ActionId, StringComparer.Ordinal);
        var added = after.Values.Where(a => !before.ContainsKey(a.ActionId)).ToArray();
        var removed = before.Values.Where(a => !after.ContainsKey(a.ActionId)).ToArray();
        var changed = before.Values
            .Where(a => after.ContainsKey(a.ActionId))
            .Select(a => new ActionChange(a.ActionId, ChangedFields(a, after[a.ActionId]), a, after[a.ActionId]))
            .Where(c => c.Fields.Count > 0)
            .ToArray();
        var segmentMoved = !string.Equals(inForce?.Segment, draft?.Segment, StringComparison.Ordinal);
        return added.Length == 0 && removed.Length == 0 && changed.Length == 0 && !segmentMoved
            ? null
            : new CustomerDifference((inForce ?? draft)!.CustomerId, inForce?.Segment, draft?.Segment, added, removed, changed);
    }

    private static string[] ChangedFields(DryRunAction inForce, DryRunAction draft)
    {
        var fields = new List<string>(4);
        if (!string.Equals(inForce.Template, draft.Template, StringComparison.Ordinal))
        {
            fields.Add("template");
        }

        if (!string.Equals(inForce.ContactRole, draft.ContactRole, StringComparison.Ordinal))
        {
            fields.Add("contactRole");
        }

        if (!inForce.Invoices.SequenceEqual(draft.Invoices, StringComparer.Ordinal))
        {
            fields.Add("invoices");
        }

        if (!inForce.Steps.SequenceEqual(draft.Steps, StringComparer.Ordinal))
        {
            fields.Add("steps");
        }

        return [.. fields];
    }
}
