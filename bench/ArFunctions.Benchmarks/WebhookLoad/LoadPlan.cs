using System.Text.Json;
using ArFunctions.Domain.Invoices;
using ArFunctions.Samples;

namespace ArFunctions.Benchmarks.WebhookLoad;

/// <summary>One distinct payment event: its webhook id, its body, and the one allocation it carries.</summary>
internal sealed record LoadEvent(string Id, byte[] Body, string InvoiceId, decimal Amount);

/// <summary>An invoice the load pays: as seeded, and what its distinct events pay in total.</summary>
internal sealed record TargetInvoice(Invoice Original, decimal Paid);

/// <summary>
/// The load: distinct <c>payment.succeeded</c> events, two per open invoice (each its own payment id), plus duplicate
/// deliveries (same webhook-id, same body), shuffled. Each invoice's two amounts never add up to more than its open
/// amount, and for every other invoice they add up to exactly that, so neither allocation is ever capped whatever order
/// the events are applied in: the expected result does not depend on ordering.
/// </summary>
internal sealed class LoadPlan
{
    public const int EventsPerInvoice = 2;

    /// <summary>The type of every event the load posts.</summary>
    public const string EventType = "payment.succeeded";

    private LoadPlan(Portfolio portfolio, LoadEvent[] events, int[] deliveries, Dictionary<string, TargetInvoice> targets)
    {
        Portfolio = portfolio;
        Events = events;
        Deliveries = deliveries;
        Targets = targets;
    }

    public Portfolio Portfolio { get; }

    public LoadEvent[] Events { get; }

    /// <summary>The order of the requests: indexes into <see cref="Events"/>, duplicates included.</summary>
    public int[] Deliveries { get; }

    public IReadOnlyDictionary<string, TargetInvoice> Targets { get; }

    public static LoadPlan Create(int events, double duplicateShare, DateOnly today, int seed)
    {
        var invoicesNeeded = (events + EventsPerInvoice - 1) / EventsPerInvoice;
        var portfolio = PortfolioGenerator.Generate(new PortfolioOptions
        {
            Customers = (invoicesNeeded / 4) + 10,
            OpenInvoicesPerCustomer = 5,
            PaidInvoicesPerCustomer = 1,
            Seed = seed,
            AsOf = today,
        });
        var open = portfolio.Invoices.Where(i => i.IsCollectible && i.OpenAmount >= 1m).Take(invoicesNeeded).ToArray();
        if (open.Length < invoicesNeeded)
        {
            throw new InvalidOperationException($"The sample portfolio has {open.Length} open invoices; {invoicesNeeded} are needed.");
        }

        var random = new Random(seed);
        var run = Guid.NewGuid().ToString("N")[..8];
        var list = new List<LoadEvent>(events);
        var targets = new Dictionary<string, TargetInvoice>(StringComparer.Ordinal);
        for (var i = 0; i < open.Length; i++)
        {
            var invoice = open[i];
            var amounts = Split(invoice.OpenAmount, paysInFull: i % 2 == 0, random);
            var count = Math.Min(EventsPerInvoice, events - list.Count);
            for (var k = 0; k < count; k++)
            {
                list.Add(Event($"evt-{run}-{list.Count}", $"pay-{run}-{list.Count}", invoice, amounts[k], today));
            }

            targets[invoice.Id.Value] = new TargetInvoice(invoice, amounts.Take(count).Sum());
        }

        return new LoadPlan(portfolio, [.. list], Shuffled(list.Count, duplicateShare, random), targets);
    }

    /// <summary>Two positive cent amounts: together the whole open amount, or at most 90% of it.</summary>
    private static decimal[] Split(decimal openAmount, bool paysInFull, Random random)
    {
        var first = Math.Max(0.01m, Math.Round(openAmount * (decimal)(0.2 + (random.NextDouble() * 0.25)), 2));
        var second = paysInFull ? openAmount - first : Math.Max(0.01m, Math.Round(openAmount * (decimal)(0.1 + (random.NextDouble() * 0.35)), 2));
        return [first, second];
    }

    private static LoadEvent Event(string id, string paymentId, Invoice invoice, decimal amount, DateOnly today)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = EventType,
            data = new
            {
                paymentId,
                customerId = invoice.CustomerId.Value,
                amount,
                currency = invoice.Currency.Value,
                paidOn = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                allocations = new[] { new { invoiceId = invoice.Id.Value, amount } },
            },
        });
        return new LoadEvent(id, body, invoice.Id.Value, amount);
    }

    /// <summary>Every event once, a random <paramref name="duplicateShare"/> of them a second time, shuffled.</summary>
    private static int[] Shuffled(int events, double duplicateShare, Random random)
    {
        var duplicates = (int)Math.Round(events * duplicateShare);
        var order = Enumerable.Range(0, events).ToArray();
        random.Shuffle(order);
        var deliveries = order.Concat(order.Take(duplicates)).ToArray();
        random.Shuffle(deliveries);
        return deliveries;
    }
}
