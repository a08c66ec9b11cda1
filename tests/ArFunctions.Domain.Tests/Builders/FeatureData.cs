using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Features;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Policies;

namespace ArFunctions.Domain.Tests.Builders;

/// <summary>Inputs of <see cref="FeatureCalculator"/>: a base currency with a euro rate, and short calls.</summary>
public static class FeatureData
{
    /// <summary>USD base; 1 EUR is 1.10 USD.</summary>
    public static readonly CurrencySettings Currency = new(A.Usd, new Dictionary<CurrencyCode, decimal> { [A.Eur] = 1.10m });

    public static DateOnly DaysAgo(int days) => A.Today.AddDays(-days);

    /// <summary>Features of <see cref="A.Customer"/> as of <see cref="A.Today"/>.</summary>
    public static CustomerFeatures Compute(
        Invoice[] invoices,
        Payment[]? payments = null,
        Interaction[]? interactions = null,
        Customer? customer = null,
        DateOnly? asOf = null,
        Credit[]? credits = null) =>
        FeatureCalculator.Compute(
            customer ?? A.Customer(), invoices, payments ?? [], interactions ?? [], asOf ?? A.Today, Currency, CreditAllocation.Allocate(invoices, credits ?? [], asOf ?? A.Today));

    public static Interaction Call(int daysAgo, InteractionOutcome outcome) =>
        new(new CustomerId("C001"), DaysAgo(daysAgo), InteractionKind.Call, outcome);

    /// <summary>An invoice issued <paramref name="issuedDaysAgo"/>, due 30 days later, paid in full <paramref name="paidDaysAgo"/>.</summary>
    public static Invoice PaidInvoice(string id, int issuedDaysAgo, int paidDaysAgo, decimal amount = 1000m) =>
        A.Invoice(id, DaysAgo(issuedDaysAgo - 30), amount).Paid(DaysAgo(paidDaysAgo));
}
