namespace ArFunctions.Domain.Kpis;

/// <summary>Running sums for one group of invoices; additive, so the overall figures are the merge of the segments'.</summary>
internal sealed class KpiAccumulator
{
    private readonly List<decimal> _salesByMonthBack = [];
    private decimal _beginningAr;
    private decimal _ar;
    private decimal _creditSales;
    private decimal _current;
    private decimal _days1To30;
    private decimal _days31To60;
    private decimal _days61To90;
    private decimal _days90Plus;
    private decimal _credits;
    private int _invoiceCount;

    public void AddSale(decimal amount, int monthsBack, bool inPeriod)
    {
        if (inPeriod)
        {
            _creditSales += amount;
        }

        while (_salesByMonthBack.Count <= monthsBack)
        {
            _salesByMonthBack.Add(0m);
        }

        _salesByMonthBack[monthsBack] += amount;
    }

    public void AddBeginningAr(decimal open) => _beginningAr += open;

    /// <summary>An invoice's open amount at the end of the period, aged by its days past due then.</summary>
    public void AddEndingAr(decimal open, int daysPastDue)
    {
        _ar += open;
        _invoiceCount++;
        switch (daysPastDue)
        {
            case <= 0:
                _current += open;
                break;
            case <= 30:
                _days1To30 += open;
                break;
            case <= 60:
                _days31To60 += open;
                break;
            case <= 90:
                _days61To90 += open;
                break;
            default:
                _days90Plus += open;
                break;
        }
    }

    /// <summary>A credit's unapplied amount at the end of the period: it lowers AR and is the aging's own credits line.</summary>
    public void AddCredit(decimal amount)
    {
        _ar -= amount;
        _credits += amount;
    }

    public static KpiAccumulator From(KpiTotals totals)
    {
        var accumulator = new KpiAccumulator
        {
            _beginningAr = totals.BeginningAr,
            _ar = totals.Ar,
            _creditSales = totals.CreditSales,
            _current = totals.Current,
            _days1To30 = totals.Days1To30,
            _days31To60 = totals.Days31To60,
            _days61To90 = totals.Days61To90,
            _days90Plus = totals.Days90Plus,
            _credits = totals.Credits,
            _invoiceCount = totals.InvoiceCount,
        };
        accumulator._salesByMonthBack.AddRange(totals.SalesByMonthBack);
        return accumulator;
    }

    public KpiTotals ToTotals() => new(_beginningAr, _ar, _creditSales, _current, _days1To30, _days31To60, _days61To90, _days90Plus,
        _invoiceCount, [.. _salesByMonthBack], _credits);

    public void Merge(KpiAccumulator other)
    {
        _beginningAr += other._beginningAr;
        _ar += other._ar;
        _creditSales += other._creditSales;
        _current += other._current;
        _days1To30 += other._days1To30;
        _days31To60 += other._days31To60;
        _days61To90 += other._days61To90;
        _days90Plus += other._days90Plus;
        _credits += other._credits;
        _invoiceCount += other._invoiceCount;
        for (var k = 0; k < other._salesByMonthBack.Count; k++)
        {
            AddSale(other._salesByMonthBack[k], k, inPeriod: false);
        }
    }

    public KpiSnapshot ToSnapshot(DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber;
        var dso = KpiFormulas.Dso(_ar, _creditSales, days);
        var best = KpiFormulas.Dso(_current, _creditSales, days);
        return new KpiSnapshot
        {
            From = from,
            To = to,
            BeginningAr = _beginningAr,
            Ar = _ar,
            CurrentAr = _current,
            CreditSales = _creditSales,
            DsoPeriod = dso,
            DsoCountback = KpiFormulas.CountbackDso(_ar, to, _salesByMonthBack),
            BestPossibleDso = best,
            AverageDaysDelinquent = dso - best,
            Cei = KpiFormulas.Cei(_beginningAr, _creditSales, _ar, _current),
            Aging = new AgingDistribution(_current, _days1To30, _days31To60, _days61To90, _days90Plus, _credits),
            PercentCurrent = KpiFormulas.Percent(_current, _ar + _credits),
            InvoiceCount = _invoiceCount,
        };
    }
}
