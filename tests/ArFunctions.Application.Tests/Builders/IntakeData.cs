using ArFunctions.Application.Intake;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Application.Tests.Builders;

/// <summary>Valid intake records with every field set, the sample policy (base USD; EUR, GBP, CAD), and a fixed today.</summary>
public static class IntakeData
{
    public static readonly DateOnly Today = new(2025, 3, 14);

    public static CollectionPolicy Policy { get; } = LoadPolicy();

    public static CustomerInput Customer(string id = "C-1") => new()
    {
        Id = id,
        Name = "Acme Corp",
        Country = "DE",
        Industry = "manufacturing",
        Type = "enterprise",
        CreditScore = 72,
        RiskClass = "high",
        PaymentMethod = "direct-debit",
        InvoicingMode = "e-invoice",
        CreditTermsDays = 45,
        CustomerSince = "2019-04-01",
        MarginPct = 23.5m,
        AssignedCollector = "alice",
        Excluded = true,
        Contacts = [Contact(), PhoneContact()],
    };

    public static ContactInput Contact() => new()
    {
        Name = "Ada Clerk",
        Role = "ap-clerk",
        Email = "ada@acme.example",
        Phone = "+49 30 1234567",
        PreferredChannel = "phone",
        PreferredTime = "mornings",
    };

    public static ContactInput PhoneContact() => new() { Name = "Carl Fo", Role = "cfo", Phone = "(030) 765-4321 x12" };

    public static InvoiceInput Invoice(string id = "INV-1", string customerId = "C-1") => new()
    {
        Id = id,
        CustomerId = customerId,
        IssueDate = "2025-01-10",
        DueDate = "2025-02-09",
        Amount = 1250.50m,
        OpenAmount = 800.25m,
        Currency = "EUR",
        Status = "open",
        Dispute = new DisputeInput { Category = "pricing", Opened = "2025-02-01", Resolved = "2025-02-20" },
        Promise = new PromiseInput { Date = "2025-03-20", Amount = 800.25m, MadeOn = "2025-03-01" },
    };

    public static InvoiceInput PaidInvoice(string id = "INV-2", string customerId = "C-1") => new()
    {
        Id = id,
        CustomerId = customerId,
        IssueDate = "2025-01-05",
        DueDate = "2025-02-04",
        Amount = 99.99m,
        OpenAmount = 0m,
        Currency = "USD",
        Status = "paid",
        PaidOn = "2025-02-03",
    };

    public static PaymentInput Payment(string id = "PAY-1", string invoiceId = "INV-1", string? customerId = "C-1") => new()
    {
        Id = id,
        InvoiceId = invoiceId,
        CustomerId = customerId,
        Amount = 450.25m,
        Currency = "eur",
        Date = "2025-03-02",
        Method = "wire",
    };

    public static CreditInput CreditMemo(string id = "CM-1", string customerId = "C-1", string? appliesTo = null) => new()
    {
        Id = id,
        CustomerId = customerId,
        Kind = "credit-memo",
        Amount = 150.00m,
        Currency = "EUR",
        On = "2025-03-01",
        AppliesTo = appliesTo,
    };

    private static CollectionPolicy LoadPolicy()
    {
        var result = PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "policy.sample.json")));
        return result.IsValid ? result.Policy : throw new InvalidOperationException(string.Join("; ", result.Errors));
    }
}
