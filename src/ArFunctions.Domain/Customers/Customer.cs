using ArFunctions.Domain.Common;

namespace ArFunctions.Domain.Customers;

/// <summary>A customer of the business, as the AR team knows it.</summary>
public sealed record Customer
{
    public required CustomerId Id { get; init; }

    public required string Name { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code, upper case.</summary>
    public string Country { get; init; } = "";

    public string Industry { get; init; } = "";

    /// <summary>Free classification such as <c>enterprise</c>, <c>smb</c> or <c>public-sector</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>External credit score, 0 (worst) to 100 (best); null when unknown.</summary>
    public int? CreditScore { get; init; }

    public RiskClass RiskClass { get; init; } = RiskClass.Medium;

    public PaymentMethod PaymentMethod { get; init; } = PaymentMethod.Ach;

    public InvoicingMode InvoicingMode { get; init; } = InvoicingMode.Email;

    /// <summary>Agreed payment terms in days (net 30 is 30).</summary>
    public int CreditTermsDays { get; init; } = 30;

    public DateOnly CustomerSince { get; init; }

    /// <summary>Gross margin on sales to this customer, in percent (-100 to 100); null when unknown, never taken as 0.</summary>
    public decimal? MarginPct { get; init; }

    /// <summary>The collector who owns this account; null when unassigned.</summary>
    public string? AssignedCollector { get; init; }

    /// <summary>An excluded customer is never chased automatically (legal hold, key relationship, ...).</summary>
    public bool Excluded { get; init; }

    public IReadOnlyList<Contact> Contacts { get; init; } = [];
}
