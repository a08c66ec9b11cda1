using ArFunctions.Domain.Common;
using ArFunctions.Domain.Engine;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Kpis;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Segmentation;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Samples.Simulation;

/// <summary>What happened on one simulated day.</summary>
public sealed record SimulatedDay(
    DateOnly AsOf,
    int PaymentsReceived,
    decimal AmountReceived,
    int Emails,
    int Calls,
    int Letters,
    int Escalations,
    int AgencyHandOffs,
    int StepsSkipped,
    int SegmentMoves,
    decimal OpenBalance);

/// <summary>
/// Replays days of collections in memory: customers pay according to their <see cref="PayerProfile"/> (and sooner
/// once contacted), disputes resolve, promises are kept or broken, and every day the engine runs with yesterday's
/// ledger and segment states fed back, exactly as the daily run does against storage.
/// </summary>
public sealed class PortfolioSimulation
{
    private readonly Portfolio _portfolio;
    private readonly CollectionPolicy _policy;
    private readonly Random _random;
    private readonly List<Invoice>[] _invoices;
    private readonly decimal[] _typicalAmount;
    private readonly List<Payment>[] _payments;
    private readonly List<LedgerEntry>[] _ledgers;
    private readonly List<DateOnly>[] _contactDays;
    private readonly SegmentState?[] _segments;
    private readonly Dictionary<InvoiceId, DateOnly> _plannedPayment = [];

    public PortfolioSimulation(Portfolio portfolio, CollectionPolicy policy, int seed)
    {
        _portfolio = portfolio;
        _policy = policy;
        _random = new Random(seed);
        var n = portfolio.Customers.Length;
        _invoices = new List<Invoice>[n];
        _typicalAmount = new decimal[n];
        _payments = new List<Payment>[n];
        _ledgers = new List<LedgerEntry>[n];
        _contactDays = new List<DateOnly>[n];
        _segments = new SegmentState?[n];
        for (var i = 0; i < n; i++)
        {
            _invoices[i] = [.. portfolio.InvoicesOf(i)];
            _typicalAmount[i] = _invoices[i].Count > 0 ? _invoices[i].Average(v => v.Amount) : 1000m;
            _payments[i] = [.. portfolio.PaymentsOf(i)];
            _ledgers[i] = [];
            _contactDays[i] = [];
        }
    }

    /// <summary>The engine's output of the last simulated day, or null before the first.</summary>
    public PortfolioDay? LastDay { get; private set; }

    public IReadOnlyList<PlannedAction> LastActions { get; private set; } = [];

    public IEnumerable<Invoice> Invoices => _invoices.SelectMany(i => i);

    public IEnumerable<Payment> Payments => _payments.SelectMany(p => p);

    /// <summary>The segment each customer is in after the last simulated day.</summary>
    public string SegmentOf(CustomerId id)
    {
        var index = Array.FindIndex(_portfolio.Customers, c => c.Id == id);
        return _segments[index]?.SegmentId ?? _policy.DefaultSegment.Id;
    }

    public SimulatedDay RunDay(DateOnly asOf)
    {
        var (paymentsReceived, amountReceived) = ReceivePayments(asOf);
        IssueInvoices(asOf);
        var records = new CustomerRecords[_portfolio.Customers.Length];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = new CustomerRecords
            {
                Customer = _portfolio.Customers[i],
                Invoices = _invoices[i].ToArray(),
                Payments = _payments[i].ToArray(),
                Interactions = _portfolio.InteractionsOf(i).ToArray(),
                PreviousSegment = _segments[i],
                Ledger = _ledgers[i],
                ContactsInLast6Days = _contactDays[i].Count(d => d >= asOf.AddDays(-6) && d < asOf),
            };
        }

        var day = CollectionsEngine.Run(records, _policy, asOf);
        LastDay = day;
        return Apply(day, asOf, paymentsReceived, amountReceived);
    }

    /// <summary>KPIs over (from, to] per final segment.</summary>
    public KpiReport Kpis(DateOnly from, DateOnly to)
    {
        var segmentById = new Dictionary<CustomerId, string>();
        for (var i = 0; i < _portfolio.Customers.Length; i++)
        {
            segmentById[_portfolio.Customers[i].Id] = _segments[i]?.SegmentId ?? _policy.DefaultSegment.Id;
        }

        return KpiCalculator.Calculate(Invoices.ToArray(), Payments.ToArray(), id => segmentById[id], _policy.Currency, from, to);
    }

    private SimulatedDay Apply(PortfolioDay day, DateOnly asOf, int paymentsReceived, decimal amountReceived)
    {
        var counts = new int[Enum.GetValues<ActionKind>().Length];
        var (skipped, moves) = (0, 0);
        var actions = new List<PlannedAction>();
        for (var i = 0; i < day.Decisions.Length; i++)
        {
            var decision = day.Decisions[i];
            _segments[i] = decision.Segment.State;
            moves += decision.Segment.Moved ? 1 : 0;
            _ledgers[i].AddRange(decision.Plan.LedgerWrites);
            foreach (var entry in decision.Plan.LedgerWrites)
            {
                skipped += entry.Outcome == LedgerOutcome.Skipped ? 1 : 0;
            }

            foreach (var action in decision.Plan.Actions)
            {
                counts[(int)action.Kind]++;
                actions.Add(action);
                if (action.ReachesCustomer)
                {
                    _contactDays[i].Add(asOf);
                    NudgePayment(action, asOf);
                }
            }
        }

        LastActions = actions;
        var open = 0m;
        foreach (var features in day.Features)
        {
            open += features.OpenBalance;
        }

        return new SimulatedDay(asOf, paymentsReceived, amountReceived, counts[(int)ActionKind.Email], counts[(int)ActionKind.Call],
            counts[(int)ActionKind.Letter], counts[(int)ActionKind.Escalation], counts[(int)ActionKind.Agency], skipped, moves, open);
    }

    /// <summary>A reminder works a third of the time: the customer then pays within a few days.</summary>
    private void NudgePayment(PlannedAction action, DateOnly asOf)
    {
        foreach (var invoiceId in action.Invoices)
        {
            if (_random.NextDouble() < 0.35 && _plannedPayment.TryGetValue(invoiceId, out var planned))
            {
                var sooner = asOf.AddDays(_random.Next(1, 5));
                _plannedPayment[invoiceId] = sooner < planned ? sooner : planned;
            }
        }
    }

    private (int Count, decimal Amount) ReceivePayments(DateOnly asOf)
    {
        var (count, amount) = (0, 0m);
        for (var c = 0; c < _invoices.Length; c++)
        {
            var invoices = _invoices[c];
            for (var k = 0; k < invoices.Count; k++)
            {
                var invoice = invoices[k];
                if (!invoice.IsCollectible)
                {
                    continue;
                }

                invoice = invoices[k] = Evolve(invoice, asOf);
                if (invoice.Dispute?.IsOpenOn(asOf) == true || PlannedPayment(c, invoice, asOf) > asOf)
                {
                    continue;
                }

                _payments[c].Add(new Payment($"SIM-{invoice.Id.Value}-{asOf:yyyyMMdd}", invoice.Id, invoice.CustomerId, invoice.OpenAmount,
                    invoice.Currency, asOf, _portfolio.Customers[c].PaymentMethod));
                amount += _policy.Currency.ToBase(invoice.OpenAmount, invoice.Currency);
                count++;
                invoices[k] = invoice with { OpenAmount = 0m, Status = InvoiceStatus.Paid, PaidOn = asOf };
            }
        }

        return (count, amount);
    }

    /// <summary>Business goes on: on average a customer is invoiced once a week, on its usual terms.</summary>
    private void IssueInvoices(DateOnly asOf)
    {
        for (var c = 0; c < _invoices.Length; c++)
        {
            if (_random.NextDouble() >= 1.0 / 7)
            {
                continue;
            }

            var customer = _portfolio.Customers[c];
            var amount = Math.Round(_typicalAmount[c] * (decimal)(0.5 + _random.NextDouble()), 2);
            var currency = _invoices[c].Count > 0 ? _invoices[c][0].Currency : _policy.Currency.BaseCurrency;
            _invoices[c].Add(new Invoice
            {
                Id = new InvoiceId($"SIM-{customer.Id.Value}-{asOf:yyyyMMdd}"),
                CustomerId = customer.Id,
                IssueDate = asOf,
                DueDate = asOf.AddDays(customer.CreditTermsDays),
                Amount = amount,
                OpenAmount = amount,
                Currency = currency,
            });
        }
    }

    /// <summary>Disputes resolve within their category's SLA; promises are kept 70% of the time.</summary>
    private Invoice Evolve(Invoice invoice, DateOnly asOf)
    {
        if (invoice.Dispute is { Resolved: null } dispute)
        {
            var sla = _policy.TryGetDisputeCategory(dispute.Category, out var category) ? category.SlaDays : 14;
            if (asOf.DayNumber - dispute.Opened.DayNumber >= sla)
            {
                return invoice with { Dispute = dispute with { Resolved = asOf } };
            }
        }

        if (invoice.Promise is { } promise && promise.Date == asOf && !_plannedPayment.ContainsKey(invoice.Id))
        {
            _plannedPayment[invoice.Id] = _random.NextDouble() < 0.7 ? asOf : asOf.AddDays(_random.Next(10, 40));
        }

        return invoice;
    }

    private DateOnly PlannedPayment(int customerIndex, Invoice invoice, DateOnly firstSeen)
    {
        if (!_plannedPayment.TryGetValue(invoice.Id, out var planned))
        {
            var profile = _portfolio.Profiles[customerIndex];
            var late = PortfolioGenerator.Normal(_random, profile.MeanDaysLate, profile.Spread);
            planned = invoice.DueDate.AddDays((int)Math.Round(late));
            planned = planned <= invoice.IssueDate ? invoice.IssueDate.AddDays(1) : planned;
            if (planned <= firstSeen)
            {
                // Already late when the simulation starts: it pays some time from now, later for later payers.
                planned = firstSeen.AddDays(_random.Next(1, 2 + (int)Math.Max(5, profile.MeanDaysLate)));
            }

            _plannedPayment[invoice.Id] = planned;
        }

        return planned;
    }
}
