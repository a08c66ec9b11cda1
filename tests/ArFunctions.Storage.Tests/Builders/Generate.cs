using System.Globalization;
using System.Text;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Invoices;
using ArFunctions.Storage.Stores;

namespace ArFunctions.Storage.Tests.Builders;

/// <summary>Deterministic random domain values for round-trip tests: awkward text, every enum value, extreme decimals.</summary>
public static class Generate
{
    private static readonly Contact[] NoContacts = [];

    private static readonly string[] Pieces = ["a", "Z", "9", " ", "-", "é", "ß", "日本", "😀", "\"", "\\", "<b>", "&", "'", "+", "\n", "\t", "%", "|"];

    public static string Text(Random random, int maxPieces = 12)
    {
        var builder = new StringBuilder();
        var count = random.Next(maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    public static string? MaybeText(Random random) => random.Next(3) == 0 ? null : Text(random);

    /// <summary>Key-safe identifiers: letters, digits, '-', '.', '_', and some non-ASCII.</summary>
    public static string Id(Random random, string stem)
    {
        const string chars = "abcXYZ0189-._é";
        var builder = new StringBuilder(stem);
        var length = random.Next(1, 12);
        for (var i = 0; i < length; i++)
        {
            builder.Append(chars[random.Next(chars.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>Any decimal, including 28-digit scales and values near the type's limits.</summary>
    public static decimal Decimal(Random random) => random.Next(4) switch
    {
        0 => Math.Round((decimal)(random.NextDouble() * 100_000), 2),
        1 => new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29)),
        2 => new decimal(-1, -1, -1, random.Next(2) == 0, 0),
        _ => decimal.Parse("1.500", CultureInfo.InvariantCulture) * random.Next(-5, 5),
    };

    public static DateOnly Date(Random random) => DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1));

    public static DateOnly? MaybeDate(Random random) => random.Next(3) == 0 ? null : Date(random);

    public static T OneOf<T>(Random random)
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        return values[random.Next(values.Length)];
    }

    public static Customer Customer(Random random, CustomerId? id = null) => new()
    {
        Id = id ?? new CustomerId(Id(random, "C")),
        Name = Text(random),
        Country = random.Next(2) == 0 ? "" : "DE",
        Industry = Text(random),
        Type = Text(random),
        CreditScore = random.Next(3) == 0 ? null : random.Next(0, 101),
        RiskClass = OneOf<RiskClass>(random),
        PaymentMethod = OneOf<PaymentMethod>(random),
        InvoicingMode = OneOf<InvoicingMode>(random),
        CreditTermsDays = random.Next(0, 181),
        CustomerSince = Date(random),
        MarginPct = random.Next(3) == 0 ? null : Decimal(random),
        AssignedCollector = MaybeText(random),
        Excluded = random.Next(2) == 0,
        Contacts = Enumerable.Range(0, random.Next(4)).Select(_ => Contact(random)).ToArray(),
    };

    public static Contact Contact(Random random) => new(
        Text(random),
        OneOf<ContactRole>(random),
        MaybeText(random),
        MaybeText(random),
        OneOf<ContactChannel>(random),
        MaybeText(random));

    public static Invoice Invoice(Random random, CustomerId customerId, InvoiceId? id = null) => new()
    {
        Id = id ?? new InvoiceId(Id(random, "I")),
        CustomerId = customerId,
        IssueDate = Date(random),
        DueDate = Date(random),
        Amount = Decimal(random),
        OpenAmount = Decimal(random),
        Currency = new CurrencyCode(random.Next(2) == 0 ? "EUR" : "USD"),
        Status = OneOf<InvoiceStatus>(random),
        Dispute = random.Next(3) == 0 ? null : new Dispute(Text(random), Date(random), MaybeDate(random)),
        Promise = random.Next(3) == 0 ? null : new PaymentPromise(Date(random), Decimal(random), Date(random)),
        PaidOn = MaybeDate(random),
    };

    /// <summary>Invoices with ids INV-00000, INV-00001, ... spread over customers C0 to C(n-1).</summary>
    public static List<Invoice> Invoices(Random random, int customers, int invoices)
    {
        var customerIds = Enumerable.Range(0, customers).Select(i => new CustomerId($"C{i}")).ToArray();
        return Enumerable.Range(0, invoices)
            .Select(i => Invoice(random, customerIds[random.Next(customerIds.Length)], new InvoiceId($"INV-{i:D5}")))
            .ToList();
    }

    public static Payment Payment(Random random, CustomerId customerId) => new(
        Id(random, "P"), new InvoiceId(Id(random, "I")), customerId, Decimal(random), new CurrencyCode("CHF"), Date(random), OneOf<PaymentMethod>(random));

    public static Interaction Interaction(Random random, CustomerId customerId) =>
        new(customerId, Date(random), OneOf<InteractionKind>(random), OneOf<InteractionOutcome>(random), MaybeText(random));

    public static LedgerRow LedgerRow(string customerId, string invoiceId, string stepId) => new()
    {
        CustomerId = new CustomerId(customerId),
        InvoiceId = new InvoiceId(invoiceId),
        StrategyVersion = "standard-v3",
        StepId = stepId,
        StrategyId = "standard",
        Outcome = "planned",
        On = new DateOnly(2026, 5, 4),
    };

    /// <summary>Record equality compares the contact list by reference; this compares it by content.</summary>
    public static bool SameCustomer(Customer expected, Customer actual) =>
        expected with { Contacts = NoContacts } == actual with { Contacts = NoContacts } && expected.Contacts.SequenceEqual(actual.Contacts);
}
