using ArFunctions.Application.Intake;

namespace ArFunctions.Storage.Tests.Intake;

/// <summary>Valid intake records (sample policy: base USD; EUR, GBP, CAD; dispute category "pricing").</summary>
public static class IntakeRecords
{
    public static CustomerInput Customer(string id) => new()
    {
        Id = id,
        Name = "Customer " + id,
        Country = "NL",
        Industry = "retail",
        Type = "smb",
        CreditScore = 64,
        RiskClass = "medium",
        PaymentMethod = "direct-debit",
        InvoicingMode = "e-invoice",
        CreditTermsDays = 30,
        CustomerSince = "2020-06-01",
        MarginPct = 31.25m,
        AssignedCollector = "bob",
        Excluded = false,
        Contacts =
        [
            new ContactInput { Name = "Pat", Role = "ap-clerk", Email = $"ap@{id.ToLowerInvariant()}.example", PreferredTime = "09:00-12:00" },
            new ContactInput { Name = "Sam", Role = "controller", Phone = "+31 20 555 0100", PreferredChannel = "phone" },
        ],
    };

    public static InvoiceInput Invoice(string id, string customerId) => new()
    {
        Id = id,
        CustomerId = customerId,
        IssueDate = "2025-01-15",
        DueDate = "2025-02-14",
        Amount = 1200m,
        OpenAmount = 700.5m,
        Currency = "EUR",
        Status = "open",
        Dispute = new DisputeInput { Category = "pricing", Opened = "2025-02-20" },
        Promise = new PromiseInput { Date = "2025-03-31", Amount = 700.5m, MadeOn = "2025-03-10" },
    };

    public static PaymentInput Payment(string id, string invoiceId, string? customerId = null) => new()
    {
        Id = id,
        InvoiceId = invoiceId,
        CustomerId = customerId,
        Amount = 499.5m,
        Currency = "EUR",
        Date = "2025-03-01",
        Method = "wire",
    };
}
