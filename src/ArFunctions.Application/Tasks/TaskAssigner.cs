using ArFunctions.Application.Ports;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Tasks;

/// <summary>
/// Who works a collector task: the customer's own collector when it has one; otherwise the least loaded collector
/// of the team of the customer's segment (open tasks counted against each collector's capacity; ties go to the one
/// listed first in the policy); when the segment names no team, any configured collector; when everyone is at
/// capacity, <see cref="DunningPlanner.UnassignedOwner"/>, who redistributes. Two tasks assigned at the same moment
/// may both see the same load: capacity is a soft limit.
/// </summary>
public sealed class TaskAssigner(ITaskStore store, ITaskAccountStore accounts, IPolicySource policies)
{
    public async Task<string> AssignCollectorAsync(Customer customer, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(customer.AssignedCollector))
        {
            return customer.AssignedCollector;
        }

        var policy = policies.Current;
        var segmentId = await accounts.GetSegmentAsync(customer.Id, cancellationToken).ConfigureAwait(false);
        var team = policy.Worklist.TeamOf(policy.TeamOf(segmentId));
        var loads = new int[team.Count];
        for (var i = 0; i < team.Count; i++)
        {
            loads[i] = await store.CountOpenAsync(team[i].Id, cancellationToken).ConfigureAwait(false);
        }

        return LeastLoaded(team, loads, policy.Worklist) ?? DunningPlanner.UnassignedOwner;
    }

    /// <summary>The collector with the fewest open tasks below capacity (first listed on a tie), or null when all are full.</summary>
    public static string? LeastLoaded(IReadOnlyList<CollectorDefinition> collectors, IReadOnlyList<int> loads, WorklistSettings settings)
    {
        string? best = null;
        var bestLoad = int.MaxValue;
        for (var i = 0; i < collectors.Count; i++)
        {
            if (loads[i] < settings.CapacityOf(collectors[i]) && loads[i] < bestLoad)
            {
                best = collectors[i].Id;
                bestLoad = loads[i];
            }
        }

        return best;
    }
}
