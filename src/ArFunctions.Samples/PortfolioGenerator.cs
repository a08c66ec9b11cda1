using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Samples;

/// <summary>
/// Generates a realistic, deterministic portfolio. Account sizes follow a Pareto law (alpha 1.16, so about 20% of
/// customers hold about 80% of the balance); payment behaviour ranges from prompt to chronically late; payment
/// methods, invoicing modes, currencies, contacts, disputes and promises are drawn from fixed mixes.
/// </summary>
public static class PortfolioGenerator
{
    private const double ParetoAlpha = 1.16;

    private static readonly Behaviour[] Behaviours =
    [
        new("prompt", 0.35, MeanDaysLate: -3, Spread: 3, OldestOverdueDays: 5),
        new("steady", 0.35, MeanDaysLate: 4, Spread: 5, OldestOverdueDays: 25),
        new("late", 0.20, MeanDaysLate: 18, Spread: 10, OldestOverdueDays: 70),
        new("chronic", 0.10, MeanDaysLate: 45, Spread: 20, OldestOverdueDays: 160),
    ];

    private static readonly (PaymentMethod Value, double Weight)[] PaymentMethods =
        [(PaymentMethod.Ach, 0.40), (PaymentMethod.Card, 0.10), (PaymentMethod.Wire, 0.15), (PaymentMethod.Check, 0.25), (PaymentMethod.DirectDebit, 0.10)];

    private static readonly (InvoicingMode Value, double Weight)[] InvoicingModes =
        [(InvoicingMode.Email, 0.50), (InvoicingMode.Portal, 0.20), (InvoicingMode.EInvoice, 0.15), (InvoicingMode.Paper, 0.15)];

    private static readonly (string Value, double Weight)[] Currencies = [("USD", 0.85), ("EUR", 0.10), ("GBP", 0.05)];

    private static readonly (string Country, double Weight)[] Countries = [("US", 0.70), ("DE", 0.08), ("FR", 0.05), ("NL", 0.04), ("GB", 0.05), ("CA", 0.08)];

    private static readonly string[] Industries = ["manufacturing", "retail", "healthcare", "construction", "software", "logistics", "food"];

    private static readonly string[] Types = ["enterprise", "mid-market", "smb", "public-sector"];

    private static readonly string[] NamePrefixes = ["Contoso", "Fabrikam", "Northwind", "Adatum", "Litware", "Proseware", "Tailspin", "Wingtip", "Woodgrove", "Alpine"];

    private static readonly string[] NameSuffixes = ["Ltd", "Inc", "GmbH", "Group", "Holdings", "Supply", "Partners", "Industries"];

    private static readonly string[] FirstNames = ["Pat", "Sam", "Alex", "Robin", "Kim", "Jordan", "Taylor", "Morgan", "Casey", "Drew"];

    private static readonly string[] LastNames = ["Garcia", "Smith", "Nguyen", "Müller", "Okafor", "Rossi", "Kowalski", "Tanaka", "Silva", "Dubois"];

    public static Portfolio Generate(PortfolioOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Customers);
        var random = new Random(options.Seed);
        var customers = new Customer[options.Customers];
        var profiles = new PayerProfile[options.Customers];
        var ranges = new CustomerRange[options.Customers];
        var invoices = new List<Invoice>((int)(options.Customers * (options.OpenInvoicesPerCustomer + options.PaidInvoicesPerCustomer)));
        var payments = new List<Payment>((int)(options.Customers * (options.PaidInvoicesPerCustomer + 1)));
        var interactions = new List<Interaction>(options.Customers * 2);

        for (var i = 0; i < options.Customers; i++)
        {
            var behaviour = Pick(random, Behaviours, b => b.Weight);
            var customer = NewCustomer(random, i, behaviour, options);
            customers[i] = customer;
            profiles[i] = new PayerProfile(behaviour.Name, behaviour.MeanDaysLate, behaviour.Spread);
            var size = Math.Min(200, Math.Pow(1 - random.NextDouble(), -1 / ParetoAlpha));
            var currency = new CurrencyCode(Pick(random, Currencies, c => c.Weight).Value);
            var (invoiceStart, paymentStart, interactionStart) = (invoices.Count, payments.Count, interactions.Count);
            var context = new CustomerContext(random, customer, behaviour, size, currency, options);
            AddPaidHistory(context, invoices, payments);
            AddOpenInvoices(context, invoices, payments);
            AddInteractions(context, interactions);
            ranges[i] = new CustomerRange(
                invoiceStart, invoices.Count - invoiceStart,
                paymentStart, payments.Count - paymentStart,
                interactionStart, interactions.Count - interactionStart);
        }

        return new Portfolio(customers, profiles, ranges, [.. invoices], [.. payments], [.. interactions]);
    }

    private static Customer NewCustomer(Random random, int index, Behaviour behaviour, PortfolioOptions options)
    {
        var creditScore = Math.Clamp((int)Math.Round(Normal(random, 75 - (behaviour.MeanDaysLate * 0.6), 12)), 5, 99);
        var since = options.AsOf.AddDays(-random.Next(60, 365 * 15));
        var collector = options.Collectors.Count > 0 && random.NextDouble() < 0.75
            ? options.Collectors[random.Next(options.Collectors.Count)]
            : null;
        var id = "C" + (index + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return new Customer
        {
            Id = new CustomerId(id),
            Name = $"{NamePrefixes[random.Next(NamePrefixes.Length)]} {NameSuffixes[random.Next(NameSuffixes.Length)]} {index + 1}",
            Country = Pick(random, Countries, c => c.Weight).Country,
            Industry = Industries[random.Next(Industries.Length)],
            Type = Types[random.Next(Types.Length)],
            CreditScore = random.NextDouble() < 0.9 ? creditScore : null,
            RiskClass = creditScore switch { >= 75 => RiskClass.Low, >= 55 => RiskClass.Medium, >= 35 => RiskClass.High, _ => RiskClass.Critical },
            PaymentMethod = Pick(random, PaymentMethods, p => p.Weight).Value,
            InvoicingMode = Pick(random, InvoicingModes, m => m.Weight).Value,
            CreditTermsDays = random.NextDouble() < 0.7 ? 30 : (random.NextDouble() < 0.5 ? 45 : 60),
            CustomerSince = since,
            MarginPct = Math.Round((decimal)Math.Clamp(Normal(random, 28, 12), 2, 70), 1),
            AssignedCollector = collector,
            Excluded = random.NextDouble() < 0.01,
            Contacts = NewContacts(random, id),
        };
    }

    private static Contact[] NewContacts(Random random, string customerId)
    {
        var contacts = new List<Contact>(3) { NewContact(random, customerId, ContactRole.ApClerk, ContactChannel.Email) };
        if (random.NextDouble() < 0.5)
        {
            contacts.Add(NewContact(random, customerId, ContactRole.Approver, ContactChannel.Email));
        }

        if (random.NextDouble() < 0.3)
        {
            contacts.Add(NewContact(random, customerId, ContactRole.Controller, ContactChannel.Phone));
        }

        if (random.NextDouble() < 0.2)
        {
            contacts.Add(NewContact(random, customerId, ContactRole.Cfo, ContactChannel.Email));
        }

        return [.. contacts];
    }

    private static Contact NewContact(Random random, string customerId, ContactRole role, ContactChannel channel)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var local = (KebabName<ContactRole>.Format(role) + "." + customerId).ToLowerInvariant();
        var phone = "+1 555 " + random.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + " "
            + random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A contact reached by phone always has a number (intake refuses one without); the draw is kept so the sequence stays the same.
        var hasPhone = random.NextDouble() < 0.9 || channel == ContactChannel.Phone;
        return new Contact($"{first} {last}", role, $"{local}@example.com", hasPhone ? phone : null, channel,
            random.NextDouble() < 0.5 ? "09:00-12:00" : null);
    }

    private static void AddPaidHistory(CustomerContext c, List<Invoice> invoices, List<Payment> payments)
    {
        var count = Count(c.Random, c.Options.PaidInvoicesPerCustomer);
        for (var n = 0; n < count; n++)
        {
            var issue = c.AsOf.AddDays(-c.Random.Next(c.Customer.CreditTermsDays + 2, 366));
            var due = issue.AddDays(c.Customer.CreditTermsDays);
            var daysLate = (int)Math.Round(Normal(c.Random, c.Behaviour.MeanDaysLate, c.Behaviour.Spread));
            var paidOn = due.AddDays(Math.Max(daysLate, -c.Customer.CreditTermsDays + 1));
            if (paidOn >= c.AsOf)
            {
                paidOn = c.AsOf.AddDays(-1);
            }

            var invoice = NewInvoice(c, "P", n, issue, due) with { OpenAmount = 0m, Status = InvoiceStatus.Paid, PaidOn = paidOn };
            invoices.Add(invoice);
            payments.Add(new Payment("PAY-" + invoice.Id.Value, invoice.Id, invoice.CustomerId, invoice.Amount, invoice.Currency, paidOn, c.Customer.PaymentMethod));
        }
    }

    private static void AddOpenInvoices(CustomerContext c, List<Invoice> invoices, List<Payment> payments)
    {
        var count = Count(c.Random, c.Options.OpenInvoicesPerCustomer);
        for (var n = 0; n < count; n++)
        {
            // Due dates from the behaviour's oldest overdue age up to 30 days ahead.
            var due = c.AsOf.AddDays(c.Random.Next(-c.Behaviour.OldestOverdueDays, 31));
            var issue = due.AddDays(-c.Customer.CreditTermsDays);
            var invoice = NewInvoice(c, "O", n, issue, due);
            if (c.Random.NextDouble() < 0.05 && issue < c.AsOf.AddDays(-1))
            {
                var paid = Math.Round(invoice.Amount * (decimal)(0.1 + (c.Random.NextDouble() * 0.6)), 2);
                var paidOn = issue.AddDays(c.Random.Next(1, Math.Max(2, c.AsOf.DayNumber - issue.DayNumber)));
                payments.Add(new Payment("PAY-" + invoice.Id.Value, invoice.Id, invoice.CustomerId, paid, invoice.Currency, paidOn, c.Customer.PaymentMethod));
                invoice = invoice with { OpenAmount = invoice.Amount - paid };
            }

            var overdue = due < c.AsOf;
            if (c.Random.NextDouble() < c.Options.DisputeShare * (c.Behaviour.Name == "chronic" ? 2 : 1) && c.Options.DisputeCategories.Count > 0)
            {
                var category = c.Options.DisputeCategories[c.Random.Next(c.Options.DisputeCategories.Count)];
                invoice = invoice with { Dispute = new Dispute(category, Max(issue, c.AsOf.AddDays(-c.Random.Next(1, 21)))) };
            }
            else if (overdue && c.Random.NextDouble() < c.Options.PromiseShare)
            {
                invoice = invoice with { Promise = new PaymentPromise(c.AsOf.AddDays(c.Random.Next(-5, 11)), invoice.OpenAmount, c.AsOf.AddDays(-c.Random.Next(6, 15))) };
            }

            invoices.Add(invoice);
        }
    }

    private static void AddInteractions(CustomerContext c, List<Interaction> interactions)
    {
        var calls = c.Behaviour.Name switch { "prompt" => 0, "steady" => c.Random.Next(0, 2), _ => c.Random.Next(1, 5) };
        var difficulty = c.Behaviour.Name == "chronic" ? 0.6 : 0.25;
        for (var n = 0; n < calls; n++)
        {
            var outcome = c.Random.NextDouble() < difficulty
                ? (c.Random.NextDouble() < 0.7 ? InteractionOutcome.NoAnswer : InteractionOutcome.Voicemail)
                : InteractionOutcome.Reached;
            interactions.Add(new Interaction(c.Customer.Id, c.AsOf.AddDays(-c.Random.Next(1, 90)), InteractionKind.Call, outcome));
        }
    }

    private static Invoice NewInvoice(CustomerContext c, string kind, int n, DateOnly issue, DateOnly due)
    {
        var amount = Math.Round((decimal)(600 * c.Size * Math.Exp(Normal(c.Random, 0, 0.5))), 2);
        return new Invoice
        {
            Id = new InvoiceId($"INV-{c.Customer.Id.Value[1..]}-{kind}{n:D3}"),
            CustomerId = c.Customer.Id,
            IssueDate = issue,
            DueDate = due,
            Amount = amount,
            OpenAmount = amount,
            Currency = c.Currency,
        };
    }

    /// <summary>A count around <paramref name="mean"/>: uniform on [0.5 mean, 1.5 mean], so the average is the mean.</summary>
    private static int Count(Random random, double mean) => (int)Math.Floor(mean * (0.5 + random.NextDouble()) + random.NextDouble());

    /// <summary>A normally distributed draw (Box-Muller).</summary>
    public static double Normal(Random random, double mean, double deviation)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var item in items)
        {
            total += weight(item);
        }

        var draw = random.NextDouble() * total;
        foreach (var item in items)
        {
            draw -= weight(item);
            if (draw <= 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private sealed record Behaviour(string Name, double Weight, double MeanDaysLate, double Spread, int OldestOverdueDays);

    private sealed record CustomerContext(Random Random, Customer Customer, Behaviour Behaviour, double Size, CurrencyCode Currency, PortfolioOptions Options)
    {
        public DateOnly AsOf => Options.AsOf;
    }
}
