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
/// Everything known about one customer: its master data, segment (and why), today's features computed with the
/// policy in force, open invoices, segment moves, actions and interactions. Features see the same history windows
/// as the daily run (invoices open or paid within <see cref="HistoryDays"/> days, payments of those days,
/// interactions of <see cref="InteractionDays"/> days), so they match what a run today would compute. A customer
/// whose stored data the engine cannot work with (<see cref="DataProblem"/>) is still shown: its records as stored,
/// no features and no qualifying segment, and the problems that keep it out of the daily run.
/// </summary>
public sealed class CustomerDetailQuery(ICustomerRecordStore store, IPolicySource policies, BusinessClock clock)
{
    public const int HistoryDays = 400;

    public const int InteractionDays = 90;

    public async Task<QueryResult<CustomerDetail>> GetAsync(string customerId, CancellationToken cancellationToken)
    {
        if (!CustomerId.TryCreate(customerId, out var id, out var error))
        {
            return QueryResult<CustomerDetail>.Invalid("customerId", error!);
        }

        var records = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (records is null)
        {
            return QueryResult<CustomerDetail>.NotFound($"No customer '{Failure.Quote(customerId)}'.");
        }

        var policy = await policies.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var today = clock.Today;
        var (features, problems) = Features(records, policy, today);
        var moves = records.SegmentMoves.OrderByDescending(m => m.On).ToArray();
        return QueryResult<CustomerDetail>.Ok(new CustomerDetail(
            CustomerView.From(records.Customer),
            Segment(records.State?.Segment, moves, features, policy),
            today,
            features is { } known ? FeatureValues.Of(known) : new Dictionary<string, object?>(),
            records.Invoices.Where(i => i.Status == InvoiceStatus.Open).OrderBy(i => i.DueDate).ThenBy(i => i.Id.Value, StringComparer.Ordinal)
                .Select(i => InvoiceView.From(i, today)).ToArray(),
            moves.Select(SegmentMoveView.Of).ToArray(),
            records.Actions.OrderByDescending(a => a.AsOf).ThenBy(a => a.ActionId, StringComparer.Ordinal).Select(ActionView.From).ToArray(),
            records.Interactions.OrderByDescending(i => i.Date).Select(InteractionView.From).ToArray(),
            DataProblemView.From(problems)));
    }

    /// <summary>Today's features, or null with the data problems that stop the engine from computing them.</summary>
    private static (CustomerFeatures? Features, IReadOnlyList<DataProblem> Problems) Features(CustomerRecordSet records, CollectionPolicy policy, DateOnly today)
    {
        var since = today.AddDays(-HistoryDays);
        var input = new CustomerRecords
        {
            Customer = records.Customer,
            Invoices = records.Invoices.Where(i => i.Status == InvoiceStatus.Open || i.PaidOn >= since).ToArray(),
            Payments = records.Payments.Where(p => p.Date >= since).ToArray(),
            Interactions = records.Interactions.Where(i => i.Date >= today.AddDays(-InteractionDays)).ToArray(),
            PreviousSegment = records.State?.Segment,
            Ledger = [],
        };
        var screened = DataProblem.Screen(input);
        if (screened.Count > 0)
        {
            return (null, screened);
        }

        try
        {
            return (CollectionsEngine.Features(input, policy, today) with { BalanceRank = records.BalanceRank }, []);
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
        if (state is null)
        {
            return new SegmentView(null, null, null, [], null, null, 0, null, qualified?.Id, qualified is null ? null : Rule(qualified));
        }

        var entry = movesNewestFirst.FirstOrDefault(m => m.To == state.SegmentId && m.On == state.Since);
        var defined = policy.TryGetSegment(state.SegmentId, out var definition) ? definition : null;
        return new SegmentView(
            state.SegmentId,
            state.Since,
            entry?.MatchedRule ?? (defined is null ? null : Rule(defined)),
            entry?.Triggers ?? [],
            defined?.StrategyId,
            state.PendingSegmentId,
            state.PendingDays,
            state.EvaluatedOn,
            qualified?.Id,
            qualified is null ? null : Rule(qualified));
    }

    private static string Rule(SegmentDefinition segment) => segment.When?.ToString() ?? "default";
}
