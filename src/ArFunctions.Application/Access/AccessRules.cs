using ArFunctions.Application.Customers;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Tasks;
using ArFunctions.Application.Worklists;

namespace ArFunctions.Application.Access;

/// <summary>
/// Who may see and change what on the collector routes, for a person the platform signed in: a <see cref="Role.Lead"/>
/// every worklist, customer and task; a <see cref="Role.Collector"/> their own worklist, the customers on it or
/// assigned to them, and their own tasks; anyone else nothing. Each check answers null (allowed) or a
/// <see cref="FailureKind.Forbidden"/> failure that says why. Only signed-in people reach the collector routes
/// (<c>CallerGate</c> in the function app); a caller who is not one (the command line) is not restricted here.
/// </summary>
public sealed class AccessRules(IPolicySource policies, WorklistQuery worklists)
{
    /// <summary>
    /// The collector a signed-in person works as: the policy's <c>worklist.collectors</c> entry whose
    /// <see cref="Domain.Policies.CollectorDefinition.Identity"/> is their object id or their UPN; null for anyone else.
    /// </summary>
    public string? CollectorOf(Caller caller) =>
        caller.IsSignedIn
            ? policies.Current.Worklist.Collectors.FirstOrDefault(c => c.Identity is { } identity
                && (string.Equals(identity, caller.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(identity, caller.Name, StringComparison.OrdinalIgnoreCase)))?.Id
            : null;

    /// <summary>A collector's list (<paramref name="collectorId"/>), or the portfolio's Top-N when null.</summary>
    public Failure? ToReadWorklist(Caller caller, string? collectorId) =>
        Check(caller, own => collectorId is not null && string.Equals(collectorId, own, StringComparison.Ordinal)
            ? null
            : collectorId is null ? "the portfolio's Top-N is for leads" : $"the worklist of '{Failure.Quote(collectorId)}' is not yours");

    public Task<Failure?> ToReadCustomerAsync(Caller caller, CustomerDetail customer, CancellationToken cancellationToken) =>
        ToReadCustomerAsync(caller, customer.Customer, cancellationToken);

    /// <summary>Leads read every customer; a collector, the customers assigned to them or on their worklist.</summary>
    public async Task<Failure?> ToReadCustomerAsync(Caller caller, CustomerView customer, CancellationToken cancellationToken)
    {
        var basic = Check(caller, _ => null);
        if (basic is not null || !caller.IsSignedIn || caller.Roles.Contains(Role.Lead))
        {
            return basic;
        }

        var own = CollectorOf(caller)!;
        if (string.Equals(customer.AssignedCollector, own, StringComparison.Ordinal))
        {
            return null;
        }

        var list = await worklists.ForCollectorAsync(own, WorklistQuery.MaxTop, cancellationToken).ConfigureAwait(false);
        return list.Worklist?.Items.Any(i => string.Equals(i.CustomerId, customer.Id, StringComparison.Ordinal)) == true
            ? null
            : Forbidden(caller, $"customer '{Failure.Quote(customer.Id)}' is neither assigned to you nor on your worklist");
    }

    public Failure? ToRecordOutcome(Caller caller, CollectorTask task) =>
        Check(caller, own => string.Equals(task.Assignee, own, StringComparison.Ordinal) ? null : $"task '{Failure.Quote(task.TaskId)}' is on another list");

    /// <summary>Leads pass; collectors pass when <paramref name="ownCheck"/> (given their collector id) finds nothing wrong.</summary>
    private Failure? Check(Caller caller, Func<string, string?> ownCheck)
    {
        if (!caller.IsSignedIn || caller.Roles.Contains(Role.Lead))
        {
            return null;
        }

        if (!caller.Roles.Contains(Role.Collector))
        {
            return Forbidden(caller, "your roles do not include Collector or Lead");
        }

        return CollectorOf(caller) is not { } own
            ? Forbidden(caller, "you are not one of the policy's collectors")
            : ownCheck(own) is { } reason ? Forbidden(caller, reason) : null;
    }

    private static Failure Forbidden(Caller caller, string reason) =>
        Failure.Forbidden($"Signed in as {Failure.Quote(caller.Name)}: {reason}.");
}
