using ArFunctions.Domain.Decisions;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Application.Customers;

/// <summary>
/// A day of the decision log in plain words, a line per fact, as the API, the collector page and <c>arfn explain</c>
/// show it: "call (d3-call) for INV-7 not made: superseded; the email (d5-email) went out instead".
/// </summary>
public static class DecisionText
{
    public static IReadOnlyList<string> Explain(DayDecision decision, IReadOnlyList<FiredStepView> fired)
    {
        var lines = new List<string>();
        if (Segment(decision) is { } segment)
        {
            lines.Add(segment);
        }

        foreach (var action in fired.GroupBy(f => f.ActionId, StringComparer.Ordinal))
        {
            var first = action.First();
            var steps = string.Join(", ", action.Select(f => f.Step).Distinct(StringComparer.Ordinal));
            var invoices = string.Join(", ", action.Select(f => f.InvoiceId).Distinct(StringComparer.Ordinal));
            var to = first.ContactRole is { } role ? $" to {role}" : "";
            // The template says what the customer read: on a baseline day a later step speaks as a first contact.
            var template = first.Template is { } name && first.Channel is "email" or "letter" ? $", template {name}" : "";
            var rerouted = first.Rerouted is { } why ? $" (rerouted: {why})" : "";
            lines.Add($"{first.Channel} ({steps}{template}) for {invoices}{to}{rerouted}: {Result(first)}");
        }

        foreach (var step in decision.NotFired)
        {
            lines.Add(NotFired(step, fired));
        }

        return lines;
    }

    private static string? Segment(DayDecision decision)
    {
        if (decision.SegmentId is null)
        {
            return null;
        }

        var because = decision.Triggers.Count > 0 ? ": " + string.Join("; ", decision.Triggers) : "";
        return decision.MovedFrom is { } from ? $"segment {decision.SegmentId}, moved from {from}{because}"
            : decision.Triggers.Count > 0 ? $"segment {decision.SegmentId}, first assignment{because}"
            : $"segment {decision.SegmentId} (rule: {decision.MatchedRule})";
    }

    private static string Result(FiredStepView step)
    {
        var why = step.ResultReason is { Length: > 0 } reason ? ": " + reason : "";
        return step.Result switch
        {
            null => "the action is not stored",
            "sent" => step.Channel == "email" ? "sent" + Delivered(step.Delivery) : "task created",
            "skipped" => "not carried out when its turn came" + why,
            "failed" => "failed" + why,
            "planned" or "queued" => "queued, not carried out yet",
            "sending" or "creating" => "being carried out",
            var other => other + why,
        };
    }

    /// <summary>What the mail service reported, when it has: ", bounced: 5.1.1 mailbox unavailable".</summary>
    private static string Delivered(DeliveryView? delivery) =>
        delivery is null ? "" : ", " + delivery.Status.Replace('-', ' ') + (delivery.Details is { Length: > 0 } details ? ": " + details : "");

    private static string NotFired(NotFiredStep step, IReadOnlyList<FiredStepView> fired)
    {
        var what = step.StepId is { } id ? $"step {id}" : "a due step";
        var of = step.InvoiceId is { } invoice ? $" for {invoice.Value}" : "";
        return step.Reason switch
        {
            NotFiredReason.Superseded => $"{what}{of} not made: superseded; {Instead(step, fired)}",
            NotFiredReason.ConditionNotMet => $"{what}{of} not made: its condition was not met on the day it became due",
            NotFiredReason.Baseline => $"{what}{of} not made: already past on the customer's first run (baseline); the ladder starts at the current step",
            NotFiredReason.NoContact when step.Detail is { } why => $"{what}{of} not made: {why}; a task asks someone to find a contact",
            NotFiredReason.NoContact => $"{what}{of} not made: no usable contact for its channel and role; a task asks someone to find one",
            NotFiredReason.PausedByDispute => $"{what}{of} not made: paused by an open dispute",
            NotFiredReason.PausedByPromise => $"{what}{of} not made: paused by a promise to pay",
            NotFiredReason.ContactCap => $"{what}{of} deferred: the weekly contact cap is reached; it fires on a later day",
            NotFiredReason.NotBusinessDay => $"{what}{of} waited: customers are contacted on business days only; it fires on the next business day",
            NotFiredReason.OptedOut => "not chased: the customer is excluded from collections",
            NotFiredReason.BelowMinimumBalance => "not chased: the overdue balance is below the policy's minimum",
            NotFiredReason.DataProblem => $"left out of the day: data problem{of}: {step.Detail}",
            NotFiredReason.CoveredByCredit when step.InvoiceId is null => "not chased: the customer's credits bring the balance below the policy's minimum",
            NotFiredReason.CoveredByCredit => $"{what}{of} not made: covered by credit (the customer's credits cover its open amount)",
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Reason, "Unknown reason."),
        };
    }

    /// <summary>The ladder step of the same invoice that fired; a broken promise's escalation supersedes nothing.</summary>
    private static string Instead(NotFiredStep step, IReadOnlyList<FiredStepView> fired) =>
        fired.Where(f => f.InvoiceId == step.InvoiceId?.Value).OrderBy(f => LedgerEntry.IsBrokenPromiseStep(f.Step)).FirstOrDefault() is { } later
            ? $"the {later.Channel} ({later.Step}) went out instead"
            : "a later step had already fired";
}
