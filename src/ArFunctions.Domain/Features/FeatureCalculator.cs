using System.Buffers;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Features;

/// <summary>
/// Computes one customer's <see cref="CustomerFeatures"/> as of a date. Definitions are those of
/// <see cref="FeatureCatalog"/>; "the last 12 months" means 0 to 364 days before the as-of date, "the last 90 days"
/// 0 to 89 days before it. Amounts are converted with <see cref="CurrencySettings.ToBase"/>.
/// </summary>
/// <remarks>
/// <para>
/// Replay: the result depends only on what was true on the as-of date. Invoices issued after it, payments dated
/// after it and interactions after it are ignored. An invoice's open amount as of the date is its amount minus its
/// payments dated on or before the date when any payments for it are given; otherwise its
/// <see cref="Invoice.OpenAmount"/> and <see cref="Invoice.Status"/> are taken as given, except that an invoice
/// paid after the as-of date was open for its whole amount then. Cancelled and written-off invoices are closed.
/// Cancelled invoices and those with a non-positive amount (credit notes) are ignored altogether.
/// </para>
/// <para>
/// Credits: the balances and the aging buckets are net of the credits allocated to each invoice
/// (<see cref="CreditAllocation"/>, given by the caller): an invoice counts for its open amount less what the credits
/// took, and one they cover in full is not open (nor overdue, nor disputed). What no invoice took is
/// <see cref="CustomerFeatures.CreditBalance"/>, its own line as in an aging report; it is not subtracted from the
/// buckets, so that each bucket still says how old the money owed is.
/// </para>
/// <para>
/// Payment history (avgDaysToPay, avgDaysLate, latePaymentShare, trend) covers invoices paid in full in the last
/// 12 months; the paid date is <see cref="Invoice.PaidOn"/>, or the date the payments first covered the amount.
/// An average or share over nothing is missing (NaN), never 0: without an invoice paid in the window the four are
/// missing (trend also when either of its two windows has none), and interactionDifficulty is missing without a call
/// in the last 90 days, so that a rule such as <c>avgDaysLate &lt;= 5</c> does not take a customer with no history for
/// a punctual one.
/// Cost: one pass over invoices, payments and interactions, plus an index of the payments by invoice in stack or
/// pooled memory (see <see cref="PaymentIndex"/>); nothing is allocated but the result.
/// </para>
/// </remarks>
public static class FeatureCalculator
{
    private const int MaxStackInts = 512;

    public static CustomerFeatures Compute(
        Customer customer,
        ReadOnlySpan<Invoice> invoices,
        ReadOnlySpan<Payment> payments,
        ReadOnlySpan<Interaction> interactions,
        DateOnly asOf,
        CurrencySettings currency,
        CreditAllocation? credits = null)
    {
        // Build's result goes straight to the caller: the features are large, and each copy of a struct holding
        // references goes through the write barrier, so the pooled memory is handled in Totals instead.
        credits ??= CreditAllocation.None;
        var totals = Totals(invoices, payments, asOf, currency, credits);
        return Build(customer, in totals, InteractionDifficulty(interactions, asOf), CreditBalance(credits, currency), asOf);
    }

    /// <summary>What is left of the credits after allocation, in the base currency: the account credit.</summary>
    private static decimal CreditBalance(CreditAllocation credits, CurrencySettings currency)
    {
        if (credits.Unapplied.Count == 0)
        {
            return 0m;
        }

        var balance = 0m;
        foreach (var credit in credits.Unapplied)
        {
            balance += currency.ToBase(credit.Amount, credit.Currency);
        }

        return balance;
    }

    private static InvoiceTotals Totals(ReadOnlySpan<Invoice> invoices, ReadOnlySpan<Payment> payments, DateOnly asOf, CurrencySettings currency, CreditAllocation credits)
    {
        var scratchSize = PaymentIndex.ScratchSize(payments.Length);
        int[]? rented = null;
        var scratch = scratchSize <= MaxStackInts ? stackalloc int[scratchSize] : (rented = ArrayPool<int>.Shared.Rent(scratchSize));
        var index = new PaymentIndex(payments, scratch);
        try
        {
            var totals = new InvoiceTotals(asOf);
            foreach (var invoice in invoices)
            {
                if (invoice.IssueDate <= asOf)
                {
                    // A settled invoice without a promise reads no payments: skip hashing its id.
                    var own = invoice.Promise is null && InvoiceAsOf.IsSettled(invoice, asOf) ? default : index.For(invoice.Id);
                    totals.Add(invoice, own, currency, credits.AppliedTo(invoice.Id));
                }
            }

            return totals;
        }
        finally
        {
            index.Dispose();
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Share of the calls of the last 90 days whose outcome <see cref="Interaction.IsDifficult"/>; missing (NaN) without calls.</summary>
    private static double InteractionDifficulty(ReadOnlySpan<Interaction> interactions, DateOnly asOf)
    {
        var calls = 0;
        var difficult = 0;
        foreach (var interaction in interactions)
        {
            var daysAgo = asOf.DayNumber - interaction.Date.DayNumber;
            if (interaction.Kind == InteractionKind.Call && daysAgo is >= 0 and < InvoiceTotals.RecentDays)
            {
                calls++;
                difficult += interaction.IsDifficult ? 1 : 0;
            }
        }

        return calls == 0 ? double.NaN : (double)difficult / calls;
    }

    private static CustomerFeatures Build(Customer customer, in InvoiceTotals totals, double interactionDifficulty, decimal creditBalance, DateOnly asOf)
    {
        var creditScore = customer.CreditScore is { } score ? score : double.NaN;
        var avgDaysLate = Average(totals.LateWeighted, totals.PaidWeight);
        return new CustomerFeatures
        {
            CustomerId = customer.Id,
            AsOf = asOf,
            OpenBalance = totals.Open,
            OverdueBalance = totals.Overdue,
            DaysPastDueOldest = totals.OldestDaysPastDue,
            AgingCurrent = totals.Current,
            Aging1To30 = totals.Days1To30,
            Aging31To60 = totals.Days31To60,
            Aging61To90 = totals.Days61To90,
            Aging90Plus = totals.Days90Plus,
            AvgDaysToPay = totals.PaidCount == 0 ? double.NaN : (double)totals.DaysToPaySum / totals.PaidCount,
            AvgDaysLate = avgDaysLate,
            LatePaymentShare = totals.PaidCount == 0 ? double.NaN : (double)totals.LateCount / totals.PaidCount,
            Trend = Average(totals.RecentLateWeighted, totals.RecentWeight) - Average(totals.OlderLateWeighted, totals.OlderWeight),
            CreditScore = creditScore,
            RiskClass = customer.RiskClass,
            RiskScore = RiskScoring.Score(creditScore, customer.RiskClass, avgDaysLate, totals.BrokenPromises),
            PaymentMethod = customer.PaymentMethod,
            InvoicingMode = customer.InvoicingMode,
            TenureDays = Math.Max(0, asOf.DayNumber - customer.CustomerSince.DayNumber),
            Revenue12m = totals.Revenue,
            OrderFrequency = totals.IssuedCount / 12.0,
            DisputeCount = totals.DisputeCount,
            DisputedBalance = totals.Disputed,
            BrokenPromises = totals.BrokenPromises,
            MarginPct = customer.MarginPct is { } margin ? (double)margin : double.NaN,
            Country = customer.Country,
            Industry = customer.Industry,
            CustomerType = customer.Type,
            OpenInvoiceCount = totals.OpenCount,
            CreditTermsDays = customer.CreditTermsDays,
            InteractionDifficulty = interactionDifficulty,
            Excluded = customer.Excluded,
            CreditBalance = creditBalance,
        };
    }

    /// <summary>The weighted average; missing (NaN) over no weight, and NaN carries through the trend's difference.</summary>
    private static double Average(decimal weighted, decimal weight) => weight == 0m ? double.NaN : (double)(weighted / weight);
}
