using ArFunctions.Application.Ports;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.DailyRuns;

/// <summary>
/// Persists the decisions of a group of customers so that any interruption can be resumed without a step
/// executing twice or an executed step going unannounced:
/// 0. the decision log gets each customer's decisions (added, never replaced: a resumed group, which finds its steps
/// recorded, keeps the explanation of the attempt that recorded them); 1. the actions are stored as planned; 2. the ledger entries are recorded with a conditional insert (a step
/// already recorded under another action is dropped from ours); 3. the actions are queued and marked queued (a
/// guarded forward move: an action its handler already claimed or finished keeps that status,
/// <see cref="ActionStatusOrder"/>); 4. changed customer states and segment moves are saved. Every write is idempotent.
/// </summary>
internal sealed class ShardWriter(IShardStore shards, IMessageQueue queue, IDecisionLog decisions)
{
    public async Task WriteAsync(int shard, DateOnly asOf, IReadOnlyList<EvaluatedCustomer> customers, CancellationToken cancellationToken)
    {
        await decisions.AddAsync(shard, customers.Select(c => DayDecision.Of(c.Source.Customer.Id, asOf, c.Decision)).OfType<DayDecision>().ToArray(), cancellationToken).ConfigureAwait(false);
        var actions = new List<PlannedAction>();
        var ledger = new List<LedgerWrite>();
        foreach (var customer in customers)
        {
            var plan = customer.Decision.Plan;
            actions.AddRange(plan.Actions);
            foreach (var entry in plan.LedgerWrites)
            {
                ledger.Add(new LedgerWrite(customer.Source.Customer.Id, entry, ActionOf(plan, entry)));
            }
        }

        var toQueue = new HashSet<string>(await shards.AddActionsAsync(shard, asOf, actions, cancellationToken).ConfigureAwait(false), StringComparer.Ordinal);
        var recordedBefore = await shards.RecordLedgerAsync(shard, ledger, cancellationToken).ConfigureAwait(false);
        var sending = new List<PlannedAction>(toQueue.Count);
        foreach (var action in actions)
        {
            if (!toQueue.Contains(action.ActionId))
            {
                continue;
            }

            var kept = WithoutStepsOwnedElsewhere(action, recordedBefore);
            if (kept is null)
            {
                await shards.SetActionStatusAsync(shard, [action.ActionId], ActionStatus.Skipped, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!ReferenceEquals(kept, action))
            {
                await shards.ReplaceActionAsync(shard, asOf, kept, ActionStatus.Planned, cancellationToken).ConfigureAwait(false);
            }

            sending.Add(kept);
        }

        // Messages of one group go out together: a queue takes them in parallel far faster than one by one.
        await Task.WhenAll(sending.Select(a => Message(shard, asOf, a)).Select(m => queue.SendAsync(QueueNames.Of(m), m, cancellationToken))).ConfigureAwait(false);
        var queued = sending.Select(a => a.ActionId).ToList();
        if (queued.Count > 0)
        {
            await shards.SetActionStatusAsync(shard, queued, ActionStatus.Queued, cancellationToken).ConfigureAwait(false);
        }

        await SaveStatesAsync(shard, asOf, customers, cancellationToken).ConfigureAwait(false);
    }

    public static ActionMessage Message(int shard, DateOnly asOf, PlannedAction action) =>
        new(action.ActionId, shard, action.CustomerId.Value, KebabName<ActionKind>.Format(action.Kind), asOf);

    private async Task SaveStatesAsync(int shard, DateOnly asOf, IReadOnlyList<EvaluatedCustomer> customers, CancellationToken cancellationToken)
    {
        var states = new List<CustomerState>();
        var moves = new List<SegmentMove>();
        foreach (var customer in customers)
        {
            var previous = customer.Source.State;
            var segment = customer.Decision.Segment;
            var contacted = customer.Decision.Plan.Actions.Any(a => a.ReachesCustomer);
            var segmentChanged = previous?.Segment is not { } before
                || before.SegmentId != segment.State.SegmentId
                || before.PendingSegmentId != segment.State.PendingSegmentId
                || before.PendingDays != segment.State.PendingDays;
            if (segmentChanged || contacted)
            {
                var contacts = contacted ? (previous ?? Empty(customer)).WithContact(asOf) : previous?.RecentContacts ?? [];
                states.Add(new CustomerState(customer.Source.Customer.Id, segment.State, contacts));
            }

            if (segment.Moved)
            {
                moves.Add(new SegmentMove(customer.Source.Customer.Id, asOf, segment.PreviousSegmentId, segment.SegmentId, segment.MatchedRule, segment.Triggers));
            }
        }

        if (states.Count > 0)
        {
            await shards.SaveStatesAsync(shard, states, cancellationToken).ConfigureAwait(false);
        }

        if (moves.Count > 0)
        {
            await shards.AddSegmentMovesAsync(shard, moves, cancellationToken).ConfigureAwait(false);
        }
    }

    private static CustomerState Empty(EvaluatedCustomer customer) => new(customer.Source.Customer.Id, null, []);

    /// <summary>The action that carries the entry's step: a fired step's, or the task raised for a skipped one (no contact).</summary>
    private static string? ActionOf(CustomerPlan plan, LedgerEntry entry)
    {
        foreach (var action in plan.Actions)
        {
            foreach (var step in action.Steps)
            {
                if (step == entry.Step)
                {
                    return action.ActionId;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The action without the steps the ledger already holds under another action (executed on an earlier,
    /// interrupted day); null when nothing is left. The same instance when nothing changes.
    /// </summary>
    private static PlannedAction? WithoutStepsOwnedElsewhere(PlannedAction action, IReadOnlyDictionary<string, string?> recordedBefore)
    {
        var kept = action.Steps.Where(s => !recordedBefore.TryGetValue(s.RowKey, out var owner) || owner == action.ActionId).ToArray();
        if (kept.Length == action.Steps.Count)
        {
            return action;
        }

        if (kept.Length == 0)
        {
            return null;
        }

        var invoices = kept.Select(s => s.InvoiceId).Distinct().ToArray();
        return action with { Steps = kept, Invoices = invoices };
    }
}
