using ArFunctions.Application.Kpis;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Tests.Builders;
using ArFunctions.Domain.Kpis;

namespace ArFunctions.Application.Tests.Kpis;

public class KpiQueryGet
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static KpiSnapshot Snapshot(DateOnly to, decimal ar) => new()
    {
        From = to.AddDays(-90), To = to, BeginningAr = 0, Ar = ar, CurrentAr = 0, CreditSales = 0, DsoPeriod = null, DsoCountback = null,
        BestPossibleDso = null, AverageDaysDelinquent = null, Cei = null, Aging = default, PercentCurrent = null, InvoiceCount = 1,
    };

    private static KpiDay Day(DateOnly date) => new(date, Snapshot(date, 100), new Dictionary<string, KpiSnapshot>
    {
        ["standard"] = Snapshot(date, 60),
        ["high-risk"] = Snapshot(date, 40),
    });

    private static (KpiQuery Query, InMemoryKpis Store) Create()
    {
        var store = new InMemoryKpis(Day(Today.AddDays(-40)), Day(Today.AddDays(-2)), Day(Today.AddDays(-1)));
        return (new KpiQuery(store, new FixedPolicySource(SamplePolicy.Policy), FixedTime.Business(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))), store);
    }

    [Fact]
    public async Task ReturnsTheLastThirtyDaysGivenNoDates()
    {
        var (query, store) = Create();

        var result = await query.GetAsync(null, null, null, CancellationToken.None);

        Assert.Equal((Today.AddDays(-29), Today), Assert.Single(store.Reads));
        Assert.Equal([Today.AddDays(-2), Today.AddDays(-1)], result.Value!.Days.Select(d => d.AsOf));
    }

    [Fact]
    public async Task NarrowsEachDayToTheSegmentGivenAKnownSegment()
    {
        var (query, _) = Create();

        var result = await query.GetAsync(Today.AddDays(-60), Today, "high-risk", CancellationToken.None);

        Assert.Equal(3, result.Value!.Days.Count);
        Assert.All(result.Value.Days, d => Assert.Equal(40m, Assert.Single(d.Segments, s => s.Key == "high-risk").Value.Ar));
        Assert.All(result.Value.Days, d => Assert.Single(d.Segments));
    }

    [Fact]
    public async Task ListsTheKnownSegmentsAndReadsNothingElseGivenAnUnknownSegment()
    {
        var (query, _) = Create();

        var result = await query.GetAsync(Today.AddDays(-7), Today, "vip", CancellationToken.None);

        Assert.Equal(QueryStatus.Invalid, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal("segment", error.Field);
        Assert.Contains("key-accounts, high-risk, standard", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsInvalidAndReadsNothingGivenFromAfterTo()
    {
        var (query, store) = Create();

        var result = await query.GetAsync(Today, Today.AddDays(-1), null, CancellationToken.None);

        Assert.Equal("from", Assert.Single(result.Errors).Field);
        Assert.Empty(store.Reads);
    }

    [Theory]
    [InlineData(365, QueryStatus.Ok)]
    [InlineData(366, QueryStatus.Invalid)]
    public async Task AllowsAtMost366DaysGivenARange(int daysBack, QueryStatus expected)
    {
        var (query, _) = Create();

        var result = await query.GetAsync(Today.AddDays(-daysBack), Today, null, CancellationToken.None);

        Assert.Equal(expected, result.Status);
    }
}
