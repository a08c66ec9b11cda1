namespace ArFunctions.Domain.Kpis;

/// <summary>
/// Open receivables by days past due at one date: not yet due (<see cref="Current"/>, including due today),
/// 1-30, 31-60, 61-90 and more than 90 days, and the customers' unapplied <see cref="Credits"/> as their own line,
/// as an aging report shows them. Base currency.
/// </summary>
public readonly record struct AgingDistribution(decimal Current, decimal Days1To30, decimal Days31To60, decimal Days61To90, decimal Days90Plus, decimal Credits = 0m)
{
    /// <summary>The open invoices, before credits.</summary>
    public decimal Total => Current + Days1To30 + Days31To60 + Days61To90 + Days90Plus;

    /// <summary>The open invoices less the credits: the net AR balance.</summary>
    public decimal Net => Total - Credits;

    /// <summary>This distribution with <paramref name="open"/> added to the bucket of <paramref name="daysPastDue"/> (0 or less: current).</summary>
    public AgingDistribution WithOpen(decimal open, int daysPastDue) => daysPastDue switch
    {
        <= 0 => this with { Current = Current + open },
        <= 30 => this with { Days1To30 = Days1To30 + open },
        <= 60 => this with { Days31To60 = Days31To60 + open },
        <= 90 => this with { Days61To90 = Days61To90 + open },
        _ => this with { Days90Plus = Days90Plus + open },
    };

    /// <summary>This distribution with <paramref name="amount"/> of unapplied credit added.</summary>
    public AgingDistribution WithCredit(decimal amount) => this with { Credits = Credits + amount };
}

/// <summary>
/// The KPIs of one group of customers over the period (<see cref="From"/>, <see cref="To"/>]: the start date is
/// excluded, the end date included, and balances are taken at the end of each date. Amounts are in the base
/// currency. A ratio is null when its denominator is zero (no sales in the period, no AR), never a division
/// by zero. Values are not rounded.
/// </summary>
public sealed record KpiSnapshot
{
    public required DateOnly From { get; init; }

    public required DateOnly To { get; init; }

    /// <summary>AR at the end of <see cref="From"/>, net of the credits dated on or before it.</summary>
    public required decimal BeginningAr { get; init; }

    /// <summary>
    /// AR at the end of <see cref="To"/>: amount less payments, per invoice, never below zero; less the credits dated
    /// on or before <see cref="To"/> (the net AR balance).
    /// </summary>
    public required decimal Ar { get; init; }

    /// <summary>The part of <see cref="Ar"/> not yet past due at <see cref="To"/>.</summary>
    public required decimal CurrentAr { get; init; }

    /// <summary>Amount of invoices issued in the period, less the credit memos dated in it.</summary>
    public required decimal CreditSales { get; init; }

    /// <summary>AR / credit sales x days in the period; null without sales.</summary>
    public required decimal? DsoPeriod { get; init; }

    /// <summary>Days of the most recent sales that the AR amounts to, counted back month by month; null when AR exceeds all recorded sales.</summary>
    public required decimal? DsoCountback { get; init; }

    /// <summary>Current AR / credit sales x days in the period; null without sales.</summary>
    public required decimal? BestPossibleDso { get; init; }

    /// <summary><see cref="DsoPeriod"/> minus <see cref="BestPossibleDso"/>; null without sales.</summary>
    public required decimal? AverageDaysDelinquent { get; init; }

    /// <summary>Collection effectiveness index in percent; null when nothing was collectible.</summary>
    public required decimal? Cei { get; init; }

    public required AgingDistribution Aging { get; init; }

    /// <summary>Current AR as a percentage of the open invoices at <see cref="To"/> (<see cref="AgingDistribution.Total"/>, before credits); null without any.</summary>
    public required decimal? PercentCurrent { get; init; }

    /// <summary>Invoices with something owed at the end of <see cref="To"/>.</summary>
    public required int InvoiceCount { get; init; }
}

/// <summary>KPIs for the whole portfolio and for each segment that has invoices issued by the end of the period.</summary>
public sealed class KpiReport(KpiSnapshot overall, IReadOnlyDictionary<string, KpiSnapshot> bySegment)
{
    public KpiSnapshot Overall { get; } = overall;

    public IReadOnlyDictionary<string, KpiSnapshot> BySegment { get; } = bySegment;
}
