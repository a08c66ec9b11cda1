using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;

namespace ArFunctions.Application.Runs;

/// <summary>The record of one day's run with its shards' progress and the data problems it found.</summary>
public sealed class RunQuery(IRunStore runs)
{
    /// <summary>The run of <paramref name="asOf"/>; NotFound when no run was ever opened for that date.</summary>
    public async Task<QueryResult<RunView>> GetAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(asOf, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return QueryResult<RunView>.NotFound($"No run for {asOf:yyyy-MM-dd}.");
        }

        var shards = await runs.GetShardsAsync(asOf, cancellationToken).ConfigureAwait(false);
        var problems = await runs.GetProblemsAsync(asOf, RunView.MaxListedProblems, cancellationToken).ConfigureAwait(false);
        return QueryResult<RunView>.Ok(RunView.From(run, shards, problems));
    }
}
