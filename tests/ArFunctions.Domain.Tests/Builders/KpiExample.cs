using ArFunctions.Domain.Common;
using ArFunctions.Domain.Invoices;

namespace ArFunctions.Domain.Tests.Builders;

/// <summary>
/// The worked example of docs/kpis.md: the quarter (2025-12-31, 2026-03-31], customers C001 (invoices A, B, C)
/// and C002 (D, E, F), in USD. Change nothing here without changing the document.
/// </summary>
public static class KpiExample
{
    public static readonly DateOnly From = new(2025, 12, 31);
    public static readonly DateOnly To = new(2026, 3, 31);

    public static Invoice[] Invoices { get; } =
    [
        A.Invoice("A", new DateOnly(2025, 12, 15), 2_500m, "C001").Paid(new DateOnly(2026, 1, 10)),
        A.Invoice("B", new DateOnly(2026, 1, 9), 1_400m, "C001") with { OpenAmount = 1_000m },
        A.Invoice("C", new DateOnly(2026, 2, 19), 3_000m, "C001").Paid(new DateOnly(2026, 3, 5)),
        A.Invoice("D", new DateOnly(2026, 3, 7), 4_000m, "C002") with { OpenAmount = 1_400m },
        A.Invoice("E", new DateOnly(2026, 4, 15), 2_000m, "C002") with { OpenAmount = 1_500m },
        A.Invoice("F", new DateOnly(2025, 10, 1), 600m, "C002"),
    ];

    public static Payment[] Payments { get; } =
    [
        A.PaymentFor(Invoices[0], new DateOnly(2026, 1, 10)),
        A.PaymentFor(Invoices[1], new DateOnly(2026, 2, 1), 400m),
        A.PaymentFor(Invoices[2], new DateOnly(2026, 3, 5)),
        A.PaymentFor(Invoices[3], new DateOnly(2026, 3, 20), 2_600m),
        A.PaymentFor(Invoices[4], new DateOnly(2026, 3, 25), 500m),
    ];

    /// <summary>C001 is in segment <c>standard</c>, C002 in <c>key</c>.</summary>
    public static string SegmentOf(CustomerId id) => id.Value == "C001" ? "standard" : "key";
}
