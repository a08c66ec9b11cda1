using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Samples.Simulation;

/// <summary>
/// The customers of a portfolio paying their open invoices day by day, for demos that drive real storage: each open
/// invoice is paid in full on a day drawn from its customer's <see cref="PayerProfile"/> (due date plus the usual
/// lateness); one already late when first seen is paid some days later, later for later payers. A reminder works a
/// third of the time: the customer then pays within a few days. Invoices with an open dispute are not paid. Seeded and
/// deterministic for the same calls in the same order.
/// </summary>
public sealed class SimulatedPayers
{
    private readonly Portfolio _portfolio;
    private readonly Random _random;
    private readonly Dictionary<CustomerId, int> _indexOf = [];
    private readonly Dictionary<InvoiceId, DateOnly> _planned = [];
    private readonly HashSet<InvoiceId> _paid = [];

    public SimulatedPayers(Portfolio portfolio, int seed)
    {
        _portfolio = portfolio;
        _random = new Random(seed);
        for (var i = 0; i < portfolio.Customers.Length; i++)
        {
            _indexOf[portfolio.Customers[i].Id] = i;
        }
    }

    /// <summary>The open invoices paid in full on <paramref name="day"/>, grouped by customer; each is paid only once.</summary>
    public IReadOnlyList<CustomerPayment> PayOn(DateOnly day)
    {
        var payments = new List<CustomerPayment>();
        for (var c = 0; c < _portfolio.Customers.Length; c++)
        {
            List<Invoice>? paid = null;
            foreach (var invoice in _portfolio.InvoicesOf(c))
            {
                if (!invoice.IsCollectible || invoice.Dispute?.IsOpenOn(day) == true || _paid.Contains(invoice.Id) || Planned(c, invoice, day) > day)
                {
                    continue;
                }

                _paid.Add(invoice.Id);
                (paid ??= []).Add(invoice);
            }

            if (paid is not null)
            {
                payments.Add(new CustomerPayment(_portfolio.Customers[c], paid, _portfolio.Customers[c].PaymentMethod));
            }
        }

        return payments;
    }

    /// <summary>The customer got a reminder on <paramref name="day"/>: a third of the time it pays its open invoices within four days.</summary>
    public void Remind(CustomerId customerId, DateOnly day)
    {
        if (!_indexOf.TryGetValue(customerId, out var c) || _random.NextDouble() >= 0.35)
        {
            return;
        }

        var sooner = day.AddDays(_random.Next(1, 5));
        foreach (var invoice in _portfolio.InvoicesOf(c))
        {
            if (invoice.IsCollectible && !_paid.Contains(invoice.Id) && Planned(c, invoice, day) > sooner)
            {
                _planned[invoice.Id] = sooner;
            }
        }
    }

    private DateOnly Planned(int customerIndex, Invoice invoice, DateOnly firstSeen)
    {
        if (_planned.TryGetValue(invoice.Id, out var planned))
        {
            return planned;
        }

        var profile = _portfolio.Profiles[customerIndex];
        planned = invoice.DueDate.AddDays((int)Math.Round(PortfolioGenerator.Normal(_random, profile.MeanDaysLate, profile.Spread)));
        if (invoice.Promise is { } promise && promise.Date >= firstSeen && _random.NextDouble() < 0.7)
        {
            planned = promise.Date;
        }
        else if (planned < firstSeen)
        {
            // Already late when first seen: it pays some time from now, later for later payers.
            planned = firstSeen.AddDays(_random.Next(1, 2 + (int)Math.Max(5, profile.MeanDaysLate)));
        }

        _planned[invoice.Id] = planned;
        return planned;
    }
}

/// <summary>One customer's payment of a day: the invoices it pays in full, in the customer's usual payment method.</summary>
public sealed record CustomerPayment(Domain.Customers.Customer Customer, IReadOnlyList<Invoice> Invoices, Domain.Customers.PaymentMethod Method);
