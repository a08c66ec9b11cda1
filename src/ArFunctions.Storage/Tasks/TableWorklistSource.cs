using ArFunctions.Application.Worklists;
using ArFunctions.Storage.DailyRuns;

namespace ArFunctions.Storage.Tasks;

/// <summary>The worklists the finaliser stored (<see cref="TableRunResultStore"/>), for <see cref="WorklistQuery"/>.</summary>
public sealed class TableWorklistSource(TableRunResultStore results) : IWorklistSource
{
    public async Task<IReadOnlyList<RankedEntry>> GetAsync(string? collector, int max, CancellationToken cancellationToken)
    {
        var items = await results.GetWorklistAsync(collector, max, cancellationToken).ConfigureAwait(false);
        return items.Select(i => new RankedEntry(i.Rank, i.CustomerId, i.Collector, i.Segment, i.Score, i.OverdueBalance, i.Reasons, i.AsOf)).ToArray();
    }
}
