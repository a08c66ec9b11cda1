using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Domain.Tests.Builders;

/// <summary>Test data with sensible defaults; tests state only what matters to them via <c>with</c>.</summary>
public static class A
{
    public static readonly CurrencyCode Usd = new("USD");
    public static readonly CurrencyCode Eur = new("EUR");
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static Customer Customer(string id = "C001") => new()
    {
        Id = new CustomerId(id),
        Name = "Contoso " + id,
        Country = "US",
        Industry = "manufacturing",
        Type = "enterprise",
        CreditScore = 70,
        RiskClass = RiskClass.Medium,
        PaymentMethod = PaymentMethod.Ach,
        InvoicingMode = InvoicingMode.Email,
        CreditTermsDays = 30,
        CustomerSince = new DateOnly(2020, 1, 1),
        MarginPct = 25m,
        AssignedCollector = "alice",
        Contacts =
        [
            new Contact("Pat Clerk", ContactRole.ApClerk, "pat@example.com", "+1 555 0100"),
            new Contact("Cam Controller", ContactRole.Controller, "cam@example.com", "+1 555 0101", ContactChannel.Phone),
        ],
    };

    /// <summary>An open invoice of 1,000 USD due on <paramref name="due"/>, issued 30 days before.</summary>
    public static Invoice Invoice(string id, DateOnly due, decimal amount = 1000m, string customerId = "C001") => new()
    {
        Id = new InvoiceId(id),
        CustomerId = new CustomerId(customerId),
        IssueDate = due.AddDays(-30),
        DueDate = due,
        Amount = amount,
        OpenAmount = amount,
        Currency = Usd,
    };

    /// <summary>The invoice paid in full on <paramref name="paidOn"/>.</summary>
    public static Invoice Paid(this Invoice invoice, DateOnly paidOn) =>
        invoice with { OpenAmount = 0m, Status = InvoiceStatus.Paid, PaidOn = paidOn };

    public static Payment PaymentFor(Invoice invoice, DateOnly date, decimal? amount = null, string? id = null) =>
        new(id ?? "P-" + invoice.Id.Value + "-" + date.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            invoice.Id, invoice.CustomerId, amount ?? invoice.Amount, invoice.Currency, date, PaymentMethod.Ach);

    /// <summary>A credit memo of <paramref name="amount"/> USD for C001 dated yesterday; <paramref name="appliesTo"/> names its invoice.</summary>
    public static Credit Credit(string id, decimal amount, string? appliesTo = null, DateOnly? on = null, CurrencyCode? currency = null) =>
        new(id, new CustomerId("C001"), CreditKind.CreditMemo, amount, currency ?? Usd, on ?? Today.AddDays(-1), appliesTo is null ? null : new InvoiceId(appliesTo));

    /// <summary>Features of an ordinary customer with 5,000 USD overdue; override what the test is about.</summary>
    public static CustomerFeatures Features(string customerId = "C001") => new()
    {
        CustomerId = new CustomerId(customerId),
        AsOf = Today,
        OpenBalance = 5000m,
        OverdueBalance = 5000m,
        DaysPastDueOldest = 10,
        Aging1To30 = 5000m,
        AvgDaysToPay = 35,
        AvgDaysLate = 5,
        LatePaymentShare = 0.3,
        CreditScore = 70,
        RiskClass = RiskClass.Medium,
        RiskScore = 40,
        PaymentMethod = PaymentMethod.Ach,
        InvoicingMode = InvoicingMode.Email,
        TenureDays = 2000,
        Revenue12m = 60000m,
        BalanceRank = 100,
        OrderFrequency = 1,
        MarginPct = 25,
        Country = "US",
        Industry = "manufacturing",
        CustomerType = "enterprise",
        OpenInvoiceCount = 5,
        CreditTermsDays = 30,
    };
}
