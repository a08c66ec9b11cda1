using System.Globalization;
using ArFunctions.Application.Ports;
using ArFunctions.Application.Queries;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Customers;

/// <summary>
/// A customer's decision log over a date range: per run date with something to explain, the segment and the rule that
/// matched (with the triggers of a move), every step that fired with its action and what became of that action
/// (sent, skipped when sending and why, failed, still queued), every step that did not fire with its reason from
/// <see cref="NotFiredReason"/>, and the same in plain words (<see cref="DecisionText"/>).
/// </summary>
public sealed class CustomerDecisionsQuery(ICustomerRecordStore store, IDecisionLog log, BusinessClock clock)
{
    /// <summary>The default range: this many days up to today.</summary>
    public const int DefaultDays = 30;

    /// <summary>The widest range one request reads, the daily run's history window.</summary>
    public const int MaxDays = 400;

    public async Task<QueryResult<CustomerDecisionLog>> GetAsync(string customerId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (!CustomerId.TryCreate(customerId, out var id, out var error))
        {
            return QueryResult<CustomerDecisionLog>.Invalid("customerId", error!);
        }

        var last = to ?? clock.Today;
        var first = from ?? last.AddDays(-DefaultDays);
        if (first > last)
        {
            return QueryResult<CustomerDecisionLog>.Invalid("from", $"must be on or before to ({Format(last)})");
        }

        if (last.DayNumber - first.DayNumber > MaxDays)
        {
            return QueryResult<CustomerDecisionLog>.Invalid("from", $"must be at most {MaxDays} days before to ({Format(last)})");
        }

        var records = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (records is null)
        {
            return QueryResult<CustomerDecisionLog>.NotFound($"No customer '{Failure.Quote(customerId)}'.");
        }

        var decisions = await log.GetAsync(id, first, last, cancellationToken).ConfigureAwait(false);
        var actions = records.Actions.ToDictionary(a => a.ActionId, StringComparer.Ordinal);
        return QueryResult<CustomerDecisionLog>.Ok(new CustomerDecisionLog(
            CustomerView.From(records.Customer, records.ContactStates), first, last, [.. decisions.Select(d => DecisionDayView.Of(d, actions))]));
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The decision log of <see cref="Customer"/> from <see cref="From"/> to <see cref="To"/>; <see cref="Days"/> oldest first, only days with something to explain.</summary>
public sealed record CustomerDecisionLog(CustomerView Customer, DateOnly From, DateOnly To, IReadOnlyList<DecisionDayView> Days);

/// <summary>One run date of the log. Enum values are kebab-case wire names; <see cref="Explanation"/> says it all in plain words, a line each.</summary>
public sealed record DecisionDayView(
    DateOnly On,
    string? Segment,
    string? MatchedRule,
    string? MovedFrom,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<FiredStepView> Fired,
    IReadOnlyList<NotFiredStepView> NotFired,
    IReadOnlyList<string> Explanation)
{
    public static DecisionDayView Of(DayDecision decision, IReadOnlyDictionary<string, CustomerActionRecord> actions)
    {
        var fired = decision.Fired.Select(f => FiredStepView.Of(f, actions.GetValueOrDefault(f.ActionId))).ToArray();
        var notFired = decision.NotFired.Select(NotFiredStepView.Of).ToArray();
        return new DecisionDayView(
            decision.On, decision.SegmentId, decision.MatchedRule, decision.MovedFrom, decision.Triggers, fired, notFired, DecisionText.Explain(decision, fired));
    }
}

/// <summary>
/// A fired step and its action's fate: <see cref="Result"/> is the action's status (null when the action is not
/// stored), <see cref="ResultReason"/> why, when it says, <see cref="Delivery"/> a sent email's latest delivery report,
/// <see cref="Template"/> the template an email or letter went out with, and <see cref="Rerouted"/> why the step went to
/// another contact or channel than its first choice (an address bounced, suppressed or opted out), when it did.
/// </summary>
public sealed record FiredStepView(string InvoiceId, string Step, string Channel, string ActionId, string? ContactRole, string? Result, string? ResultReason, DeliveryView? Delivery = null, string? Template = null, string? Rerouted = null)
{
    public static FiredStepView Of(FiredStep step, CustomerActionRecord? action) => new(
        step.InvoiceId.Value,
        step.StepId,
        KebabName<ActionKind>.Format(step.Kind),
        step.ActionId,
        step.ContactRole,
        action is null ? null : KebabName<ActionStatus>.Format(action.Status),
        action?.StatusReason,
        DeliveryView.Of(action?.Delivery),
        step.Template,
        step.Rerouted);
}

public sealed record NotFiredStepView(string Reason, string? InvoiceId, string? Step, string? Detail)
{
    public static NotFiredStepView Of(NotFiredStep step) =>
        new(KebabName<NotFiredReason>.Format(step.Reason), step.InvoiceId?.Value, step.StepId, step.Detail);
}
