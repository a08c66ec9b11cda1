using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Features;

/// <summary>
/// Running sums over one customer's invoices for <see cref="FeatureCalculator"/>. A mutable struct held in a local,
/// so one pass over the invoices allocates nothing. Amounts are in the base currency.
/// </summary>
internal struct InvoiceTotals(DateOnly asOf)
{
    /// <summary>"The last 12 months" everywhere: 0 to 364 days before the as-of date.</summary>
    public const int YearDays = 365;

    /// <summary>The recent window of <see cref="CustomerFeatures.Trend"/>: 0 to 89 days before the as-of date.</summary>
    public const int RecentDays = 90;

    private readonly DateOnly _asOf = asOf;

    public decimal Current;
    public decimal Days1To30;
    public decimal Days31To60;
    public decimal Days61To90;
    public decimal Days90Plus;
    public int OldestDaysPastDue;
    public int OpenCount;
    public int DisputeCount;
    public decimal Disputed;
    public int PaidCount;
    public int LateCount;
    public long DaysToPaySum;
    public decimal RecentLateWeighted;
    public decimal RecentWeight;
    public decimal OlderLateWeighted;
    public decimal OlderWeight;
    public decimal Revenue;
    public int IssuedCount;
    public int BrokenPromises;

    // The totals below are sums of the parts above, added once per customer instead of once per invoice: decimal
    // additions are a large part of the cost, and with money amounts far below 28 digits they are exact, so the
    // order of the additions changes neither the value nor the scale.
    public readonly decimal Overdue => Days1To30 + Days31To60 + Days61To90 + Days90Plus;

    public readonly decimal Open => Current + Overdue;

    public readonly decimal LateWeighted => RecentLateWeighted + OlderLateWeighted;

    public readonly decimal PaidWeight => RecentWeight + OlderWeight;

    /// <summary>
    /// Adds one invoice issued on or before the as-of date; <paramref name="payments"/> are its own, oldest first, and
    /// <paramref name="credited"/> is what the customer's credits took of it, in its own currency.
    /// </summary>
    public void Add(Invoice invoice, ReadOnlySpan<Payment> payments, CurrencySettings currency, decimal credited)
    {
        if (invoice.Status == InvoiceStatus.Cancelled || invoice.Amount <= 0m)
        {
            return;
        }

        var state = InvoiceAsOf.Resolve(invoice, payments, _asOf, currency);
        var open = credited > 0m ? Math.Max(0m, state.Open - currency.ToBase(credited, invoice.Currency)) : state.Open;
        if (open > 0m)
        {
            AddOpen(invoice, open);
        }
        else if (state.PaidOn is { } paidOn)
        {
            AddPaid(invoice, state.Amount, paidOn);
        }

        if (DaysAgo(invoice.IssueDate) < YearDays)
        {
            Revenue += state.Amount;
            IssuedCount++;
        }

        if (IsBrokenPromise(invoice, payments, state, currency))
        {
            BrokenPromises++;
        }
    }

    private void AddOpen(Invoice invoice, decimal open)
    {
        OpenCount++;
        var daysPastDue = invoice.DaysPastDue(_asOf);
        OldestDaysPastDue = Math.Max(OldestDaysPastDue, daysPastDue);
        if (daysPastDue <= 0)
        {
            Current += open;
        }
        else if (daysPastDue <= 30)
        {
            Days1To30 += open;
        }
        else if (daysPastDue <= 60)
        {
            Days31To60 += open;
        }
        else if (daysPastDue <= 90)
        {
            Days61To90 += open;
        }
        else
        {
            Days90Plus += open;
        }

        if (invoice.Dispute?.IsOpenOn(_asOf) == true)
        {
            DisputeCount++;
            Disputed += open;
        }
    }

    private void AddPaid(Invoice invoice, decimal amount, DateOnly paidOn)
    {
        var daysAgo = DaysAgo(paidOn);
        if (daysAgo is < 0 or >= YearDays)
        {
            return;
        }

        var daysLate = Math.Max(0, paidOn.DayNumber - invoice.DueDate.DayNumber);
        PaidCount++;
        LateCount += daysLate > 0 ? 1 : 0;
        DaysToPaySum += paidOn.DayNumber - invoice.IssueDate.DayNumber;
        var lateWeighted = amount * daysLate;
        if (daysAgo < RecentDays)
        {
            RecentLateWeighted += lateWeighted;
            RecentWeight += amount;
        }
        else
        {
            OlderLateWeighted += lateWeighted;
            OlderWeight += amount;
        }
    }

    /// <summary>
    /// A promise dated before the as-of date, within the last 12 months, is broken unless the invoice was paid in
    /// full by the promise date or its payments dated from <see cref="PaymentPromise.MadeOn"/> to
    /// <see cref="PaymentPromise.Date"/> (inclusive) reach the promised amount.
    /// </summary>
    private readonly bool IsBrokenPromise(Invoice invoice, ReadOnlySpan<Payment> payments, InvoiceAsOf state, CurrencySettings currency)
    {
        if (invoice.Promise is not { } promise || promise.MadeOn > _asOf)
        {
            return false;
        }

        var daysAgo = DaysAgo(promise.Date);
        if (daysAgo is <= 0 or >= YearDays || state.PaidOn <= promise.Date)
        {
            return false;
        }

        var paid = 0m;
        foreach (var payment in payments)
        {
            if (payment.Date >= promise.MadeOn && payment.Date <= promise.Date)
            {
                paid += currency.ToBase(payment.Amount, payment.Currency);
            }
        }

        return payments.IsEmpty || paid < currency.ToBase(promise.Amount, invoice.Currency);
    }

    private readonly int DaysAgo(DateOnly date) => _asOf.DayNumber - date.DayNumber;
}
