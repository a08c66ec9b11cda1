using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Runs;

/// <summary>A call the day would create: the customer's own collector, if any, and the team of its segment.</summary>
public readonly record struct CallDemand(string? AssignedCollector, string? Team);

/// <summary>
/// Who would get the day's calls, by the rule of <see cref="TaskAssigner"/>: the customer's own collector, else the
/// least loaded collector of the segment's team below capacity (first listed on a tie), else
/// <see cref="DunningPlanner.UnassignedOwner"/>. An estimate: the load counts only the calls of this day, taken in
/// shard then customer order, not the tasks already open from earlier days, and a customer's call task that is still
/// open would absorb the call rather than add one. Pure.
/// </summary>
public static class CollectorCallEstimate
{
    public static IReadOnlyDictionary<string, int> Calls(IEnumerable<CallDemand> calls, WorklistSettings worklist)
    {
        var loads = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var owner = string.IsNullOrWhiteSpace(call.AssignedCollector) ? LeastLoaded(call.Team, worklist, loads) : call.AssignedCollector;
            loads[owner] = loads.GetValueOrDefault(owner) + 1;
        }

        return loads;
    }

    /// <summary>Both estimates side by side, one row per collector of either policy and per other owner that gets calls.</summary>
    public static IReadOnlyList<CollectorCalls> SideBySide(
        IReadOnlyDictionary<string, int> inForce, WorklistSettings inForceWorklist, IReadOnlyDictionary<string, int> draft, WorklistSettings draftWorklist)
    {
        var names = inForceWorklist.Collectors.Select(c => c.Id)
            .Concat(draftWorklist.Collectors.Select(c => c.Id))
            .Concat(inForce.Keys.Order(StringComparer.Ordinal))
            .Concat(draft.Keys.Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
        return names.Select(name => new CollectorCalls(
            name, CapacityOf(name, inForceWorklist), inForce.GetValueOrDefault(name), CapacityOf(name, draftWorklist), draft.GetValueOrDefault(name))).ToArray();
    }

    private static string LeastLoaded(string? team, WorklistSettings worklist, Dictionary<string, int> loads)
    {
        var members = worklist.TeamOf(team);
        return TaskAssigner.LeastLoaded(members, members.Select(c => loads.GetValueOrDefault(c.Id)).ToArray(), worklist) ?? DunningPlanner.UnassignedOwner;
    }

    private static int? CapacityOf(string name, WorklistSettings worklist) =>
        worklist.Collectors.FirstOrDefault(c => string.Equals(c.Id, name, StringComparison.Ordinal)) is { } collector ? worklist.CapacityOf(collector) : null;
}
