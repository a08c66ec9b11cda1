using System.Collections.Frozen;
using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;

namespace ArFunctions.Domain.Features;

/// <summary>A feature's wire name, kind, allowed names (for enums) and meaning.</summary>
public sealed record FeatureDefinition(FeatureId Id, string Name, FeatureKind Kind, string Description, IReadOnlyList<string>? EnumNames = null, bool Ordered = false);

/// <summary>The features rules can name, by wire name (camelCase, as in the policy file).</summary>
public static class FeatureCatalog
{
    public static IReadOnlyList<FeatureDefinition> All { get; } =
    [
        Number(FeatureId.OpenBalance, "openBalance", "Open amount of all open invoices net of the credits allocated to them, in the base currency."),
        Number(FeatureId.OverdueBalance, "overdueBalance", "Open amount past its due date net of the credits allocated to it, in the base currency."),
        Number(FeatureId.DaysPastDueOldest, "daysPastDueOldest", "Days past due of the oldest open overdue invoice; 0 when nothing is overdue."),
        Number(FeatureId.AgingCurrent, "agingCurrent", "Open amount not yet due."),
        Number(FeatureId.Aging1To30, "aging1To30", "Open amount 1 to 30 days past due."),
        Number(FeatureId.Aging31To60, "aging31To60", "Open amount 31 to 60 days past due."),
        Number(FeatureId.Aging61To90, "aging61To90", "Open amount 61 to 90 days past due."),
        Number(FeatureId.Aging90Plus, "aging90Plus", "Open amount more than 90 days past due."),
        Number(FeatureId.AvgDaysToPay, "avgDaysToPay", "Average days from issue to full payment, invoices paid in the last 12 months; missing when none was paid."),
        Number(FeatureId.AvgDaysLate, "avgDaysLate", "Average days paid after the due date (early counts as 0), weighted by amount, last 12 months; missing when none was paid."),
        Number(FeatureId.LatePaymentShare, "latePaymentShare", "Share (0 to 1) of invoices paid in the last 12 months that were paid late; missing when none was paid."),
        Number(FeatureId.Trend, "trend", "Average days late of the last 90 days minus that of the 9 months before; positive means paying later; missing unless both have a paid invoice."),
        Number(FeatureId.CreditScore, "creditScore", "External credit score, 0 (worst) to 100 (best); missing when unknown."),
        new(FeatureId.RiskClass, "riskClass", FeatureKind.Enum, "The credit team's risk class.", KebabName<RiskClass>.Names, Ordered: true),
        Number(FeatureId.RiskScore, "riskScore", "Derived risk, 0 (safe) to 100 (risky), from credit score, risk class, lateness and broken promises; a missing credit score or lateness counts as halfway."),
        new(FeatureId.PaymentMethod, "paymentMethod", FeatureKind.Enum, "How the customer usually pays.", KebabName<PaymentMethod>.Names),
        new(FeatureId.InvoicingMode, "invoicingMode", FeatureKind.Enum, "How invoices reach the customer.", KebabName<InvoicingMode>.Names),
        Number(FeatureId.TenureDays, "tenureDays", "Days since the customer relationship began."),
        Number(FeatureId.Revenue12m, "revenue12m", "Amount invoiced in the last 12 months, in the base currency."),
        Number(FeatureId.BalanceRank, "balanceRank", "Rank by open balance across the portfolio, 1 being the largest."),
        Number(FeatureId.OrderFrequency, "orderFrequency", "Invoices issued per month over the last 12 months."),
        Number(FeatureId.DisputeCount, "disputeCount", "Open disputes."),
        Number(FeatureId.DisputedBalance, "disputedBalance", "Open amount of disputed invoices, in the base currency."),
        Number(FeatureId.BrokenPromises, "brokenPromises", "Promises to pay broken in the last 12 months."),
        Number(FeatureId.MarginPct, "marginPct", "Gross margin on sales to the customer, percent; missing when unknown."),
        new(FeatureId.Country, "country", FeatureKind.Text, "ISO 3166-1 alpha-2 country code."),
        new(FeatureId.Industry, "industry", FeatureKind.Text, "Industry."),
        new(FeatureId.CustomerType, "customerType", FeatureKind.Text, "Customer type, such as enterprise or smb."),
        Number(FeatureId.OpenInvoiceCount, "openInvoiceCount", "Open invoices with something left to pay."),
        Number(FeatureId.CreditTermsDays, "creditTermsDays", "Agreed payment terms in days."),
        Number(FeatureId.InteractionDifficulty, "interactionDifficulty", "Share (0 to 1) of the last 90 days' calls that did not reach anyone willing to talk; missing without calls."),
        Number(FeatureId.CreditBalance, "creditBalance", "Credits no open invoice took (account credit: credit memos, unapplied cash, overpayments), in the base currency."),
    ];

    private static readonly FrozenDictionary<string, FeatureDefinition> ByName = All.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    private static readonly FeatureDefinition[] ById = All.OrderBy(f => f.Id).ToArray();

    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    public static bool TryGet(string name, out FeatureDefinition definition) => ByName.TryGetValue(name, out definition!);

    public static FeatureDefinition Get(FeatureId id) => ById[(int)id];

    private static FeatureDefinition Number(FeatureId id, string name, string description) => new(id, name, FeatureKind.Number, description);
}
