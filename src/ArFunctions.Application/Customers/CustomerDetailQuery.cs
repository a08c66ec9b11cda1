using ArFunctions.Application.Intake;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Application.Runs;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;

namespace ArFunctions.Application.Customers;

/// <summary>
/// Everything known about one customer: its master data, segment (and why), its features computed with the policy in
/// force, open invoices, segment moves, actions and interactions. Features, and the open invoices' days past due, are
/// as of the last completed run's date (so after a backfill they are what that run saw, not what the wall clock
/// says), or as of a date the caller asks for, or today before any run has completed; the detail says which
/// (<see cref="CustomerDetail.FeaturesAsOfSource"/>). Features see the same history windows as the daily run
/// (invoices open or paid within <see cref="HistoryDays"/> days, payments of those days, interactions of
/// <see cref="InteractionDays"/> days), so they match what a run of that date computes. A customer whose stored
/// data the engine cannot work with (<see cref="DataProblem"/>) is still shown: its records as stored, no features
/// and no qualifying segment, and the problems that keep it out of the daily run.
/// </summary>
public sealed class CustomerDetailQuery(ICustomerRecordStore store, IPolicySource policies, ICompletedRuns runs, BusinessClock clock)
{
    public const int HistoryDays = 400;

    public const int InteractionDays = 90;

    /// <summary>
    /// The customer as of <paramref name="asOf"/>, or as of the last completed run when null (today before the first).
    /// A requested date must be a business date, no later than the latest date a run may be started for.
    /// </summary>
    public async Task<QueryResult<CustomerDetail>> GetAsync(string customerId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (!CustomerId.TryCreate(customerId, out var id, out var error))
        {
            return QueryResult<CustomerDetail>.Invalid("customerId", error!);
        }

        if (AsOfError(asOf, clock) is { } invalid)
        {
            return QueryResult<CustomerDetail>.Invalid("asOf", invalid);
        }

        var records = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (records is null)
        {
            return QueryResult<CustomerDetail>.NotFound($"No customer '{Failure.Quote(customerId)}'.");
        }

        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var (on, source) = await FeaturesDateAsync(asOf, cancellationToken).ConfigureAwait(false);
        var input = Records(records, on);
        var (features, problems) = Features(input, records, policy, on);
        var credits = CollectionsEngine.Credits(input, on);
        var moves = records.SegmentMoves.OrderByDescending(m => m.On).ToArray();
        return QueryResult<CustomerDetail>.Ok(new CustomerDetail(
            CustomerView.From(records.Customer, records.ContactStates),
            Segment(records.State?.Segment, moves, features, policy),
            on,
            KebabName<FeaturesAsOfSource>.Format(source),
            features is { } known ? FeatureValues.Of(known) : new Dictionary<string, object?>(),
            records.Invoices.Where(i => i.Status == InvoiceStatus.Open).OrderBy(i => i.DueDate).ThenBy(i => i.Id.Value, StringComparer.Ordinal)
                .Select(i => InvoiceView.From(i, on, credits)).ToArray(),
            moves.Select(SegmentMoveView.Of).ToArray(),
            records.Actions.OrderByDescending(a => a.AsOf).ThenBy(a => a.ActionId, StringComparer.Ordinal).Select(ActionView.From).ToArray(),
            records.Interactions.OrderByDescending(i => i.Date).Select(InteractionView.From).ToArray(),
            DataProblemView.From(problems),
            CreditView.Of(credits),
            features is { } netted ? BalanceView.Of(netted, credits, records.Invoices, policy.Currency) : null));
    }

    /// <summary>Why <paramref name="asOf"/> cannot be asked for (null when it can): a requested date must be from the earliest record date to today plus the days a manual run may look ahead.</summary>
    internal static string? AsOfError(DateOnly? asOf, BusinessClock clock)
    {
        var latest = clock.Today.AddDays(ManualRun.MaxDaysAhead);
        return asOf is { } requested && (requested < RecordCheck.EarliestDate || requested > latest)
            ? $"must be from {RecordCheck.Iso(RecordCheck.EarliestDate)} to {RecordCheck.Iso(latest)} (today + {ManualRun.MaxDaysAhead})"
            : null;
    }

    private async Task<(DateOnly On, FeaturesAsOfSource Source)> FeaturesDateAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (asOf is { } requested)
        {
            return (requested, FeaturesAsOfSource.Requested);
        }

        var last = await runs.GetLastCompletedAsync(cancellationToken).ConfigureAwait(false);
        return last is null ? (clock.Today, FeaturesAsOfSource.NoRunYet) : (last.AsOf, FeaturesAsOfSource.LastRun);
    }

    /// <summary>What the daily run of <paramref name="asOf"/> reads about the customer: the same history windows, and every credit.</summary>
    private static CustomerRecords Records(CustomerRecordSet records, DateOnly asOf)
    {
        var since = asOf.AddDays(-HistoryDays);
        return new CustomerRecords
        {
            Customer = records.Customer,
            Invoices = records.Invoices.Where(i => i.Status == InvoiceStatus.Open || i.PaidOn >= since).ToArray(),
            Payments = records.Payments.Where(p => p.Date >= since).ToArray(),
            Credits = records.Credits.ToArray(),
            Interactions = records.Interactions.Where(i => i.Date >= asOf.AddDays(-InteractionDays)).ToArray(),
            PreviousSegment = records.State?.Segment,
            Ledger = [],
        };
    }

    /// <summary>The features as of <paramref name="asOf"/>, or null with the data problems that stop the engine from computing them.</summary>
    private static (CustomerFeatures? Features, IReadOnlyList<DataProblem> Problems) Features(in CustomerRecords input, CustomerRecordSet records, CollectionPolicy policy, DateOnly asOf)
    {
        var screened = DataProblem.Screen(input);
        if (screened.Count > 0)
        {
            return (null, screened);
        }

        try
        {
            return (CollectionsEngine.Features(input, policy, asOf) with { BalanceRank = records.BalanceRank }, []);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // As in the daily run (ShardEvaluation): what the pure engine throws comes from this customer's records.
            return (null, [DataProblem.FromException(records.Customer.Id, e)]);
        }
    }

    private static SegmentView Segment(SegmentState? state, SegmentMove[] movesNewestFirst, CustomerFeatures? features, CollectionPolicy policy)
    {
        var qualified = features is { } known ? Segmenter.Qualify(known, policy) : null;
        if (state is not { } stored)
        {
            return new SegmentView(null, null, null, [], null, null, 0, null, qualified?.Id, qualified is null ? null : Rule(qualified));
        }

        var entry = movesNewestFirst.FirstOrDefault(m => m.To == stored.SegmentId && m.On == stored.Since);
        var defined = policy.TryGetSegment(stored.SegmentId, out var definition) ? definition : null;
        return new SegmentView(
            stored.SegmentId,
            stored.Since,
            entry?.MatchedRule ?? (defined is null ? null : Rule(defined)),
            entry?.Triggers ?? [],
            defined?.StrategyId,
            stored.PendingSegmentId,
            stored.PendingDays,
            stored.EvaluatedOn,
            qualified?.Id,
            qualified is null ? null : Rule(qualified));
    }

    private static string Rule(SegmentDefinition segment) => segment.When?.ToString() ?? "default";
}
