using ArFunctions.Domain.Common;
using ArFunctions.Domain.Customers;
using ArFunctions.Domain.Policies;
using ArFunctions.Domain.Invoices;
using ArFunctions.Domain.Strategies;

namespace ArFunctions.Domain.Tests.Builders;

/// <summary>Policies and planner inputs built directly, without the policy loader.</summary>
public static class PlannerPolicyBuilder
{
    public static readonly IReadOnlyList<ContactRole> DefaultFallbackOrder = [ContactRole.ApClerk, ContactRole.Controller, ContactRole.Cfo];

    public static Strategy Ladder(params StrategyStep[] steps) => new("standard", "v1", DayCounting.Calendar, steps);

    public static StrategyStep Email(string id, int day, string? template = null, ContactRole? role = null) =>
        new(id, day, StepAction.Email, template ?? id, role);

    public static StrategyStep Call(string id, int day, ContactRole? role = null) => new(id, day, StepAction.Call, ContactRole: role);

    public static StrategyStep Letter(string id, int day) => new(id, day, StepAction.Letter, id);

    public static StrategyStep Escalate(string id, int day, string to = "collections-manager") => new(id, day, StepAction.Escalate, AssignTo: to);

    public static StrategyStep Agency(string id, int day, string to = "agency-desk") => new(id, day, StepAction.Agency, AssignTo: to);

    /// <summary>A policy with one default segment running <paramref name="strategy"/>; Saturday and Sunday off.</summary>
    public static CollectionPolicy Policy(
        Strategy strategy,
        int contactCap = 3,
        decimal minimumBalance = 0m,
        int graceDays = 2,
        string escalateTo = "promise-desk",
        IReadOnlyList<ContactRole>? fallbackOrder = null,
        IReadOnlyDictionary<CurrencyCode, decimal>? rates = null,
        BusinessCalendar? calendar = null,
        bool contactOnBusinessDaysOnly = false) =>
        new(
            "test",
            new CurrencySettings(A.Usd, rates ?? new Dictionary<CurrencyCode, decimal> { [A.Eur] = 1.1m }),
            calendar ?? BusinessCalendar.Default,
            [new SegmentDefinition("standard", null, true, strategy.Id, 0)],
            [strategy],
            [new DisputeCategory("pricing", "sales", 10)],
            new HysteresisSettings(7),
            new ContactSettings(contactCap, fallbackOrder ?? DefaultFallbackOrder, contactOnBusinessDaysOnly),
            new PromiseSettings(graceDays, escalateTo),
            new WorklistSettings(20, [new CollectorDefinition("alice")]),
            new RankingWeights(),
            minimumBalance);

    /// <summary>Customer C001 on <see cref="A.Today"/> with an empty ledger, planned with <paramref name="policy"/>'s only strategy.</summary>
    public static PlanningInput Input(CollectionPolicy policy, params Invoice[] invoices) => new()
    {
        Customer = A.Customer(),
        Features = A.Features(),
        Strategy = policy.Strategies[0],
        OpenInvoices = invoices,
        Ledger = [],
        AsOf = A.Today,
        Policy = policy,
    };

    /// <summary>The next day's input: <paramref name="plan"/>'s ledger writes recorded.</summary>
    public static PlanningInput NextDay(this PlanningInput input, CustomerPlan plan, int days = 1) =>
        input with { AsOf = input.AsOf.AddDays(days), Ledger = [.. input.Ledger, .. plan.LedgerWrites] };

    public static LedgerEntry Fired(string invoiceId, string stepId, string version = "v1") =>
        new(new InvoiceId(invoiceId), "standard", version, stepId, LedgerOutcome.Fired, null, A.Today.AddDays(-1));
}
