using System.Runtime.InteropServices;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Kpis;

/// <summary>
/// Receivables KPIs over the period (from, to], per segment and overall, from the invoice and payment history.
/// An invoice's open amount at the end of a date is its amount less its payments dated on or before it, never
/// below zero, and zero from its <see cref="Invoice.PaidOn"/> date on; it counts as AR from its issue date.
/// Cancelled invoices are ignored. Everything is converted to the base currency.
/// Credits (docs/kpis.md, "Credits"): AR at a date is net of the credits dated on or before it (their unapplied
/// amount), shown as their own line next to the aging buckets; credit memos dated in the period reduce its credit sales.
/// </summary>
public static class KpiCalculator
{
    public static KpiReport Calculate(
        ReadOnlySpan<Invoice> invoices,
        ReadOnlySpan<Payment> payments,
        Func<CustomerId, string> segmentOf,
        CurrencySettings currency,
        DateOnly from,
        DateOnly to,
        ReadOnlySpan<Credit> credits = default) =>
        Report(Totals(invoices, payments, segmentOf, currency, from, to, credits), from, to);

    /// <summary>
    /// The additive sums behind the KPIs, per segment, for the period (from, to]. Totals of disjoint sets of
    /// invoices (for example the shards of a daily run) combine with <see cref="Report"/> into the same report that
    /// <see cref="Calculate"/> gives for all of them at once.
    /// </summary>
    public static IReadOnlyDictionary<string, KpiTotals> Totals(
        ReadOnlySpan<Invoice> invoices,
        ReadOnlySpan<Payment> payments,
        Func<CustomerId, string> segmentOf,
        CurrencySettings currency,
        DateOnly from,
        DateOnly to,
        ReadOnlySpan<Credit> credits = default)
    {
        if (from > to)
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"The period must not start after it ends ({to:yyyy-MM-dd}).");
        }

        var paid = PaidByInvoice(payments, currency, from, to);
        var segments = new Dictionary<string, KpiAccumulator>(StringComparer.Ordinal);
        KpiAccumulator? group = null;
        CustomerId lastCustomer = default;
        foreach (var invoice in invoices)
        {
            if (invoice.Status == InvoiceStatus.Cancelled || invoice.IssueDate > to)
            {
                continue;
            }

            // Invoices usually arrive grouped by customer: ask for the segment once per run of them.
            if (group is null || invoice.CustomerId != lastCustomer)
            {
                lastCustomer = invoice.CustomerId;
                group = Segment(segments, segmentOf(lastCustomer));
            }

            paid.TryGetValue(invoice.Id, out var payment);
            Add(group, invoice, currency.ToBase(invoice.Amount, invoice.Currency), payment, from, to);
        }

        foreach (var credit in credits)
        {
            if (credit.On <= to && credit.Amount > 0m)
            {
                Add(Segment(segments, segmentOf(credit.CustomerId)), credit, currency.ToBase(credit.Amount, credit.Currency), from, to);
            }
        }

        return segments.ToDictionary(s => s.Key, s => s.Value.ToTotals(), StringComparer.Ordinal);
    }

    /// <summary>Per segment and overall KPIs from totals; a segment may appear several times (one per shard) and is merged.</summary>
    public static KpiReport Report(IEnumerable<KeyValuePair<string, KpiTotals>> totals, DateOnly from, DateOnly to)
    {
        var segments = new Dictionary<string, KpiAccumulator>(StringComparer.Ordinal);
        foreach (var (id, part) in totals)
        {
            Segment(segments, id).Merge(KpiAccumulator.From(part));
        }

        var overall = new KpiAccumulator();
        var bySegment = new Dictionary<string, KpiSnapshot>(segments.Count, StringComparer.Ordinal);
        foreach (var (id, accumulator) in segments)
        {
            overall.Merge(accumulator);
            bySegment[id] = accumulator.ToSnapshot(from, to);
        }

        return new KpiReport(overall.ToSnapshot(from, to), bySegment);
    }

    private static void Add(KpiAccumulator group, Invoice invoice, decimal amount, PaidTotals paid, DateOnly from, DateOnly to)
    {
        group.AddSale(amount, KpiFormulas.MonthsBack(invoice.IssueDate, to), inPeriod: invoice.IssueDate > from);
        if (invoice.IssueDate <= from && !(invoice.PaidOn <= from))
        {
            group.AddBeginningAr(Math.Max(0m, amount - paid.ByFrom));
        }

        var open = invoice.PaidOn <= to ? 0m : Math.Max(0m, amount - paid.ByTo);
        if (open > 0m)
        {
            group.AddEndingAr(open, invoice.DaysPastDue(to));
        }
    }

    /// <summary>
    /// A credit lowers AR from its date on; a credit memo dated in the period is a return or allowance, so it lowers
    /// the period's credit sales (in its month) instead of counting as collected. Unapplied cash and overpayments are
    /// money received: they lower AR only, and so count as collected.
    /// </summary>
    private static void Add(KpiAccumulator group, Credit credit, decimal amount, DateOnly from, DateOnly to)
    {
        if (credit.On <= from)
        {
            group.AddBeginningAr(-amount);
        }

        group.AddCredit(amount);
        if (credit.Kind == CreditKind.CreditMemo && credit.On > from)
        {
            group.AddSale(-amount, KpiFormulas.MonthsBack(credit.On, to), inPeriod: true);
        }
    }

    private static KpiAccumulator Segment(Dictionary<string, KpiAccumulator> segments, string id)
    {
        ref var accumulator = ref CollectionsMarshal.GetValueRefOrAddDefault(segments, id, out _);
        return accumulator ??= new KpiAccumulator();
    }

    private static Dictionary<InvoiceId, PaidTotals> PaidByInvoice(ReadOnlySpan<Payment> payments, CurrencySettings currency, DateOnly from, DateOnly to)
    {
        var paid = new Dictionary<InvoiceId, PaidTotals>();
        foreach (var payment in payments)
        {
            if (payment.Date > to)
            {
                continue;
            }

            var amount = currency.ToBase(payment.Amount, payment.Currency);
            ref var totals = ref CollectionsMarshal.GetValueRefOrAddDefault(paid, payment.InvoiceId, out _);
            totals = new PaidTotals(totals.ByFrom + (payment.Date <= from ? amount : 0m), totals.ByTo + amount);
        }

        return paid;
    }

    /// <summary>Payments on one invoice dated on or before the period's start, and on or before its end.</summary>
    private readonly record struct PaidTotals(decimal ByFrom, decimal ByTo);
}
