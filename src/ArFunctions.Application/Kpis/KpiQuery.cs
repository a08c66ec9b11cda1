using System.Globalization;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Kpis;

namespace ArFunctions.Application.Kpis;

/// <summary>The KPI snapshots the finaliser stored for one run date: the whole portfolio and each segment.</summary>
public sealed record KpiDay(DateOnly AsOf, KpiSnapshot? Overall, IReadOnlyDictionary<string, KpiSnapshot> Segments);

/// <summary>KPI snapshots per run date (ascending) between <see cref="From"/> and <see cref="To"/>, both included; dates without a completed run are absent.</summary>
public sealed record KpiRange(DateOnly From, DateOnly To, string? Segment, IReadOnlyList<KpiDay> Days);

/// <summary>Reads the KPI snapshots of completed runs.</summary>
public interface IKpiSnapshotStore
{
    /// <summary>Every stored date from <paramref name="from"/> to <paramref name="to"/> (both included), ascending.</summary>
    Task<IReadOnlyList<KpiDay>> GetRangeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
}

/// <summary>
/// KPI snapshots over a date range, for the whole portfolio and per segment. Without dates, the last
/// <see cref="DefaultDays"/> days up to today (UTC); a segment narrows <see cref="KpiDay.Segments"/> to that one.
/// </summary>
public sealed class KpiQuery(IKpiSnapshotStore store, IPolicySource policies, BusinessClock clock)
{
    public const int MaxDays = 366;

    public const int DefaultDays = 30;

    public async Task<QueryResult<KpiRange>> GetAsync(DateOnly? from, DateOnly? to, string? segment, CancellationToken cancellationToken)
    {
        var today = Today;
        var end = to ?? (from?.AddDays(DefaultDays - 1) is { } window && window < today ? window : today);
        var start = from ?? end.AddDays(-(DefaultDays - 1));
        if (start > end)
        {
            return QueryResult<KpiRange>.Invalid("from", $"must be on or before to ({Format(end)})");
        }

        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            return QueryResult<KpiRange>.Invalid("to", $"the range covers {end.DayNumber - start.DayNumber + 1} days; at most {MaxDays} are allowed");
        }

        var days = await store.GetRangeAsync(start, end, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(segment))
        {
            return QueryResult<KpiRange>.Ok(new KpiRange(start, end, null, days));
        }

        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var known = policy.Segments.Select(s => s.Id).Concat(days.SelectMany(d => d.Segments.Keys)).Distinct(StringComparer.Ordinal).ToArray();
        if (!known.Contains(segment, StringComparer.Ordinal))
        {
            return QueryResult<KpiRange>.Invalid("segment", $"unknown segment '{segment}'; known segments: {string.Join(", ", known)}");
        }

        var narrowed = days.Select(d => d with { Segments = d.Segments.Where(s => s.Key == segment).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal) }).ToArray();
        return QueryResult<KpiRange>.Ok(new KpiRange(start, end, segment, narrowed));
    }

    private DateOnly Today => clock.Today;

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
