using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Tasks;
using ArFunctions.Domain.Common;

namespace ArFunctions.Application.Worklists;

/// <summary>
/// Reads the ranked worklists of the last completed run (GET /api/worklists/{collectorId} and /api/worklists) and
/// joins each customer with its open tasks. A customer whose collector task was closed on or after the list's date
/// (an outcome such as a promise) and who has no open collector task leaves the list at once, without waiting for the
/// next run. The ranks stay those of the run, so a list with a customer removed has a gap.
/// </summary>
public sealed class WorklistQuery(IWorklistSource worklists, ITaskStore tasks, IPolicySource policies)
{
    public const int MaxTop = 500;

    private const int Concurrency = 16;

    /// <summary>A collector's list; <paramref name="top"/> 1 to 500, null for the collector's capacity.</summary>
    public async Task<WorklistResult> ForCollectorAsync(string collectorId, int? top, CancellationToken cancellationToken)
    {
        var settings = policies.Current.Worklist;
        var collector = settings.Collectors.FirstOrDefault(c => string.Equals(c.Id, collectorId, StringComparison.Ordinal));
        if (collector is null)
        {
            return new WorklistResult(
                WorklistQueryStatus.NotFound,
                KnownCollectors: settings.Collectors.Select(c => c.Id).ToArray(),
                Errors: [new FieldError("collectorId", $"unknown collector '{collectorId}'")]);
        }

        return await QueryAsync(collector.Id, top ?? settings.CapacityOf(collector), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The portfolio-wide Top-N; <paramref name="top"/> 1 to 500, null for the team's total capacity.</summary>
    public Task<WorklistResult> TopAsync(int? top, CancellationToken cancellationToken)
    {
        var settings = policies.Current.Worklist;
        var fallback = settings.Collectors.Count > 0 ? settings.TotalCapacity : settings.CapacityPerCollector;
        return QueryAsync(null, top ?? Math.Min(fallback, MaxTop), cancellationToken);
    }

    private async Task<WorklistResult> QueryAsync(string? collector, int top, CancellationToken cancellationToken)
    {
        if (top is < 1 or > MaxTop)
        {
            return new WorklistResult(WorklistQueryStatus.Invalid, Errors: [new FieldError("top", $"must be between 1 and {MaxTop}, not {top}")]);
        }

        var entries = await worklists.GetAsync(collector, MaxTop, cancellationToken).ConfigureAwait(false);
        var items = new List<WorklistItemView>(top);
        for (var start = 0; start < entries.Count && items.Count < top; start += Concurrency)
        {
            var chunk = entries.Skip(start).Take(Concurrency).ToArray();
            var joined = await Task.WhenAll(chunk.Select(e => tasks.GetCustomerTasksAsync(new CustomerId(e.CustomerId), cancellationToken))).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length && items.Count < top; i++)
            {
                if (!HandledSince(joined[i], chunk[i].AsOf))
                {
                    items.Add(View(chunk[i], joined[i]));
                }
            }
        }

        var asOf = entries.Count > 0 ? entries[0].AsOf : (DateOnly?)null;
        return new WorklistResult(WorklistQueryStatus.Found, new WorklistView(collector, asOf, top, items));
    }

    /// <summary>The customer's collector task was closed on or after the list's date and nothing new is open for the collector.</summary>
    internal static bool HandledSince(CustomerTasks customer, DateOnly listAsOf) =>
        customer.CollectorTaskClosedOn is { } closed && closed >= listAsOf && !customer.Open.Any(t => t.IsCollectorTask);

    private static WorklistItemView View(RankedEntry entry, CustomerTasks customer)
    {
        var open = customer.Open
            .OrderBy(t => t.IsCollectorTask ? 0 : 1)
            .ThenBy(t => t.Kind)
            .ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .Select(WorklistTask.From)
            .ToArray();
        return new WorklistItemView(entry.Rank, entry.CustomerId, entry.Collector, entry.Segment, entry.Score, entry.OverdueBalance, entry.Reasons, open);
    }
}
